package day2ops.metrics.statsd;

/** The StatsD metric types, by their wire code. */
public enum StatsdType {
    COUNTER("c"), GAUGE("g"), TIMER("ms"), HISTOGRAM("h"), SET("s"), DISTRIBUTION("d");

    private final String code;

    StatsdType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Timers, histograms and distributions are aggregated alike: count, sum, min, max, mean, percentiles. */
    public boolean isSampled() {
        return this == TIMER || this == HISTOGRAM || this == DISTRIBUTION;
    }

    static StatsdType fromCode(String code) {
        for (StatsdType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        return null;
    }
}
