package day2ops.metrics.collector;

/**
 * How one collector fared in one round: exposed as
 * {@code day2ops_collector_duration_seconds{collector}} and {@code day2ops_collector_success{collector}}.
 *
 * @param collector the collector's name
 * @param durationSeconds wall time the collector took
 * @param success whether it returned without an exception
 */
public record CollectorOutcome(String collector, double durationSeconds, boolean success) {
}
