package day2ops.metrics.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import day2ops.metrics.Metric;
import java.util.List;
import java.util.Map;

/** Looks up one metric by name and tags and checks its value. */
final class MetricAssertions {

    private MetricAssertions() {
    }

    static Metric find(List<Metric> metrics, String name, Map<String, String> tags) {
        return metrics.stream().filter(m -> m.name().equals(name) && m.tags().equals(tags)).findFirst()
                .orElseGet(() -> fail("no " + name + tags + " in " + metrics));
    }

    static Metric find(List<Metric> metrics, String name) {
        return find(metrics, name, Map.of());
    }

    static void assertValue(double expected, List<Metric> metrics, String name) {
        assertEquals(expected, find(metrics, name).value(), 1e-9, name);
    }

    static void assertValue(double expected, List<Metric> metrics, String name, Map<String, String> tags) {
        assertEquals(expected, find(metrics, name, tags).value(), 1e-9, name + tags);
    }
}
