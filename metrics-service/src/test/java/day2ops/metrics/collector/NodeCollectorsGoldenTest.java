package day2ops.metrics.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import day2ops.metrics.prometheus.Exposition;
import day2ops.metrics.prometheus.NodeExposition;
import day2ops.metrics.rest.Dimensions;
import day2ops.metrics.rest.MetricsMessage;
import day2ops.metrics.rest.V0Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All node collectors over the fixture tree {@code src/test/resources/fixtures/proc}, against golden outputs. */
class NodeCollectorsGoldenTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.345Z");

    @Test
    void fixtureTreeMatchesGoldenExpositionAndV0Json() throws Exception {
        List<List<String>> statfsAsked = new ArrayList<>();
        FilesystemCollector.StatfsReader recorded = points -> {
            statfsAsked.add(points);
            return Files.readString(FIXTURES.resolve("statfs.txt"), StandardCharsets.UTF_8);
        };
        CollectorRunner runner = new CollectorRunner(
                NodeCollectors.create(new HashSet<>(NodeCollectors.names()),
                        new NodeCollectors.Sources(FIXTURES.resolve("proc"), recorded)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        NodeSnapshot snapshot = runner.collect();

        assertEquals(List.of(List.of("/", "/var/lib/mesos", "/mnt/data disk", "/run")), statfsAsked);
        assertEquals(NodeCollectors.names(), snapshot.outcomes().stream().map(CollectorOutcome::collector).toList());
        assertTrue(snapshot.outcomes().stream().allMatch(CollectorOutcome::success), snapshot.outcomes().toString());

        Exposition exposition = new Exposition();
        NodeExposition.writeMetrics(NodeExposition.NODE_PREFIX, "node", snapshot.metrics(), Map.of(), exposition);
        Golden.assertMatches("node.prom", exposition.render());

        MetricsMessage message = new MetricsMessage(V0Format.datapoints(snapshot.metrics(), snapshot.timestamp()),
                Dimensions.node("agent-1", null, "node-1.example"));
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(message) + "\n";
        Golden.assertMatches("node.json", json);
    }

    @Test
    void unknownCollectorNameIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NodeCollectors.create(java.util.Set.of("cpu", "cpux"),
                        new NodeCollectors.Sources(FIXTURES.resolve("proc"), points -> "")));
        assertTrue(e.getMessage().contains("cpux"), e.getMessage());
    }

    @Test
    void disabledCollectorsAreNotRun() {
        List<Collector> collectors = NodeCollectors.create(java.util.Set.of("load", "memory"),
                new NodeCollectors.Sources(FIXTURES.resolve("proc"), points -> ""));
        assertEquals(List.of("load", "memory"), collectors.stream().map(Collector::name).toList());
    }
}
