package day2ops.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One measured value as the v0 API names it ({@code memory.total}, unit {@code bytes}), with
 * the Prometheus type it has when exposed and its tags (sorted, so output is deterministic).
 *
 * @param name dotted v0 name, e.g. {@code network.in}
 * @param unit v0 unit: {@code bytes}, {@code count}, {@code percent}, {@code seconds}
 * @param type whether the value only ever grows (counter) or goes up and down (gauge)
 * @param value the value; NaN when a source reports it but it cannot be computed
 * @param tags tags such as {@code path} or {@code interface}; never null
 */
public record Metric(String name, String unit, MetricType type, double value, SortedMap<String, String> tags) {

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(type, "type");
        tags = tags == null || tags.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public static Metric gauge(String name, String unit, double value) {
        return new Metric(name, unit, MetricType.GAUGE, value, null);
    }

    public static Metric gauge(String name, String unit, double value, Map<String, String> tags) {
        return new Metric(name, unit, MetricType.GAUGE, value, new TreeMap<>(tags));
    }

    public static Metric counter(String name, String unit, double value, Map<String, String> tags) {
        return new Metric(name, unit, MetricType.COUNTER, value, new TreeMap<>(tags));
    }

    public static Metric counter(String name, String unit, double value) {
        return new Metric(name, unit, MetricType.COUNTER, value, null);
    }
}
