package day2ops.metrics.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import day2ops.metrics.prometheus.Exposition;
import day2ops.metrics.prometheus.NodeExposition;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorRunnerTest {

    private static Collector collector(String name, Metric... metrics) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Metric> collect() {
                return List.of(metrics);
            }
        };
    }

    @Test
    void failingCollectorIsReportedAndOthersStillDeliver() {
        Collector broken = new Collector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Metric> collect() throws IOException {
                throw new IOException("no such file");
            }
        };
        CollectorRunner runner = new CollectorRunner(
                List.of(collector("first", Metric.gauge("a", "count", 1)), broken,
                        collector("last", Metric.gauge("b", "count", 2))),
                Clock.systemUTC());

        NodeSnapshot snapshot = runner.collect();

        assertEquals(List.of("a", "b"), snapshot.metrics().stream().map(Metric::name).toList());
        assertEquals(List.of("first", "broken", "last"),
                snapshot.outcomes().stream().map(CollectorOutcome::collector).toList());
        assertTrue(snapshot.outcomes().get(0).success());
        assertFalse(snapshot.outcomes().get(1).success());
        assertTrue(snapshot.outcomes().stream().allMatch(o -> o.durationSeconds() >= 0));

        Exposition exposition = new Exposition();
        NodeExposition.write(snapshot, exposition);
        String text = exposition.render();
        assertTrue(text.contains("day2ops_collector_success{collector=\"broken\"} 0\n"), text);
        assertTrue(text.contains("day2ops_collector_success{collector=\"first\"} 1\n"), text);
        assertTrue(text.contains("# TYPE day2ops_collector_duration_seconds gauge\n"), text);
        assertTrue(text.contains("day2ops_collector_duration_seconds{collector=\"broken\"} "), text);
    }
}
