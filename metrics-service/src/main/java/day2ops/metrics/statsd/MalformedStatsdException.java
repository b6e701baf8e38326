package day2ops.metrics.statsd;

/** A StatsD line that cannot be parsed; the message says why. */
public final class MalformedStatsdException extends Exception {

    public MalformedStatsdException(String message) {
        super(message, null, false, false);
    }
}
