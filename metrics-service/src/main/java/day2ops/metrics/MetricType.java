package day2ops.metrics;

/** How a {@link Metric} behaves over time, which decides its Prometheus type. */
public enum MetricType {
    /** Goes up and down (memory free, load). */
    GAUGE,
    /** Only grows, except on reset (bytes received since boot, CPU seconds). */
    COUNTER
}
