package day2ops.metrics.rest;

import day2ops.metrics.Metric;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Conversions from the internal model to v0 JSON values. */
public final class V0Format {

    /** The v0 media type: JSON, always with an explicit charset. */
    public static final String JSON_UTF8 = "application/json; charset=UTF-8";

    private V0Format() {
    }

    /** RFC 3339 in UTC with whole seconds, e.g. {@code 2026-11-21T11:53:52Z}. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Datapoint datapoint(Metric metric, Instant timestamp) {
        return datapoint(metric, timestamp, Map.of());
    }

    /** A datapoint whose tags are the metric's own plus {@code extraTags} (the metric's win on conflict). */
    public static Datapoint datapoint(Metric metric, Instant timestamp, Map<String, String> extraTags) {
        Map<String, String> tags = metric.tags();
        if (!extraTags.isEmpty()) {
            java.util.TreeMap<String, String> merged = new java.util.TreeMap<>(extraTags);
            merged.putAll(metric.tags());
            tags = merged;
        }
        return new Datapoint(metric.name(), metric.value(), metric.unit(), timestamp(timestamp),
                tags.isEmpty() ? null : tags);
    }

    public static List<Datapoint> datapoints(List<Metric> metrics, Instant timestamp) {
        return metrics.stream().map(metric -> datapoint(metric, timestamp)).toList();
    }
}
