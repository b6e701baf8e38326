package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Mesos source over recorded {@code GET /containers} and {@code GET /state} responses. */
class MesosContainerSourceTest {

    private static final Path MESOS = Path.of("src/test/resources/fixtures/mesos");

    @Test
    void joinsStatisticsWithTaskMetadata() throws Exception {
        List<ContainerSample> samples = MesosContainerSource.join(
                MesosAgentClient.parseContainers(Files.readString(MESOS.resolve("containers.json"))),
                MesosAgentClient.parseState(Files.readString(MESOS.resolve("state.json"))), Instant.EPOCH);

        assertEquals(2, samples.size());
        ContainerSample web = samples.get(0);
        ContainerMetadata m = web.metadata();
        assertEquals("f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b", m.containerId());
        assertEquals("marathon", m.frameworkName());
        assertEquals("slave_public", m.frameworkRole());
        assertEquals("dcos_marathon", m.frameworkPrincipal());
        assertEquals("web", m.taskName());
        assertEquals("/team/web", m.appId());
        assertEquals(Map.of("HAPROXY_GROUP", "external", "team", "core"), m.labels());
        assertEquals(Instant.parse("2026-11-21T12:00:00.250Z"), web.timestamp());

        Map<String, Double> v = web.metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
        assertEquals(1.25, v.get("cpus.user.time"));
        assertEquals(1.1, v.get("cpus.limit"));
        assertEquals(102400.0, v.get("net.rx.bytes"));
        assertEquals(204800.0, v.get("net.tx.bytes"));
        assertEquals(2.0, v.get("net.tx.errors"));
        assertEquals(52428800.0, v.get("disk.used"));
        assertEquals(25, web.metrics().size(), "every mapped field present in the recording except mem_soft_limit_bytes");
        assertNull(v.get("mem.soft.limit"));

        assertEquals("/other/db", samples.get(1).metadata().appId());
        assertEquals(Map.of("DCOS_METRICS_FORMAT", "prometheus", "DCOS_METRICS_PORT_NAME", "metrics"),
                samples.get(1).metadata().labels());
    }

    @Test
    void appIdPrefersTheLabelAndIgnoresOtherFrameworks() {
        assertEquals("/a/b", MesosContainerSource.appId("marathon", "x_y.1", Map.of("DCOS_APP_ID", "/a/b")));
        assertEquals("/x/y", MesosContainerSource.appId("marathon", "x_y.1", Map.of()));
        assertNull(MesosContainerSource.appId("spark", "x_y.1", Map.of()));
    }
}
