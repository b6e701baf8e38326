package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.Metric;
import day2ops.metrics.config.MetricsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mesos source over recorded {@code GET /containers}, v1 {@code GET_CONTAINERS} and {@code GET /state} responses. */
class MesosContainerSourceTest {

    private static final Path MESOS = Path.of("src/test/resources/fixtures/mesos");
    private static final String WEB = "f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b";
    private static final String DB = "0a1b2c3d-0000-4000-8000-00000000db01";
    private static final String DB_NESTED = "5c6d7e8f-1111-4222-8333-00000000db02";

    @TempDir
    Path tempDir;

    private HttpServer agent;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.stop(0);
        }
    }

    /** A loopback agent serving the recordings, logging "METHOD path Authorization" of every request. */
    private URI startAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, Path> recordings = Map.of("/containers", MESOS.resolve("containers.json"),
                "/state", MESOS.resolve("state.json"), "/api/v1", MESOS.resolve("get_containers.json"));
        recordings.forEach((path, file) -> agent.createContext(path, exchange -> {
            requests.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }));
        agent.start();
        return URI.create("http://127.0.0.1:" + agent.getAddress().getPort());
    }

    @Test
    void v1SourcePostsGetContainersWithTheTokenReadFromItsFile() throws Exception {
        URI base = startAgent();
        Path token = Files.writeString(tempDir.resolve("token"), "sa.jwt.one\n");
        MesosContainerSource source = new MesosContainerSource(
                new MesosAgentClient(base, Duration.ofSeconds(5), MesosAgentClient.serviceAccountToken(token)),
                MetricsConfig.MesosApi.V1, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        List<ContainerSample> samples = source.containers();
        assertEquals(List.of(WEB, DB, DB_NESTED), samples.stream().map(ContainerSample::containerId).toList());
        assertEquals(List.of("POST /api/v1 token=sa.jwt.one", "GET /state token=sa.jwt.one"), requests);

        Files.writeString(token, "sa.jwt.two");
        requests.clear();
        source.containers();
        assertEquals(List.of("POST /api/v1 token=sa.jwt.two", "GET /state token=sa.jwt.two"), requests);
    }

    @Test
    void containersSourceUsesTheLegacyEndpointWithoutAuthorizationWhenNoTokenIsConfigured() throws Exception {
        URI base = startAgent();
        MesosContainerSource source = new MesosContainerSource(
                new MesosAgentClient(base, Duration.ofSeconds(5), java.util.Optional.empty()),
                MetricsConfig.MesosApi.CONTAINERS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertEquals(List.of(WEB, DB), source.containers().stream().map(ContainerSample::containerId).toList());
        assertEquals(List.of("GET /containers null", "GET /state null"), requests);
    }

    @Test
    void unreadableTokenFileFailsTheRoundWithoutCallingTheAgent() throws Exception {
        URI base = startAgent();
        MesosContainerSource source = new MesosContainerSource(
                new MesosAgentClient(base, Duration.ofSeconds(5),
                        MesosAgentClient.serviceAccountToken(tempDir.resolve("missing"))),
                MetricsConfig.MesosApi.V1, Clock.systemUTC());
        IOException e = assertThrows(IOException.class, source::containers);
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertEquals(List.of(), requests);
    }

    @Test
    void v1JoinGivesTheSameDatapointsAsTheLegacyEndpoint() throws Exception {
        var state = MesosAgentClient.parseState(Files.readString(MESOS.resolve("state.json")));
        List<ContainerSample> legacy = MesosContainerSource.join(
                MesosAgentClient.parseContainers(Files.readString(MESOS.resolve("containers.json"))), state, Instant.EPOCH);
        List<ContainerSample> v1 = MesosContainerSource.joinV1(
                MesosAgentClient.parseGetContainers(Files.readString(MESOS.resolve("get_containers.json"))), state,
                Instant.EPOCH);

        assertEquals(3, v1.size());
        for (int i = 0; i < legacy.size(); i++) {
            assertEquals(legacy.get(i).metadata(), v1.get(i).metadata());
            assertEquals(legacy.get(i).metrics(), v1.get(i).metrics());
            assertEquals(legacy.get(i).timestamp(), v1.get(i).timestamp());
        }
    }

    @Test
    void v1NestedContainerTakesItsExecutorContainersFrameworkAndApp() throws Exception {
        List<ContainerSample> v1 = MesosContainerSource.joinV1(
                MesosAgentClient.parseGetContainers(Files.readString(MESOS.resolve("get_containers.json"))),
                MesosAgentClient.parseState(Files.readString(MESOS.resolve("state.json"))), Instant.EPOCH);
        ContainerMetadata nested = v1.get(2).metadata();
        assertEquals(DB_NESTED, nested.containerId());
        assertEquals("other_db.7f4d6680-badb-11ee-8c90-0242ac120002", nested.executorId());
        assertEquals("marathon", nested.frameworkName());
        assertEquals("/other/db", nested.appId());
        assertNull(nested.taskId(), "an executor runs several nested tasks; none is guessed");
        assertEquals(Instant.parse("2026-11-21T12:00:00.500Z"), v1.get(2).timestamp());
        Map<String, Double> v = v1.get(2).metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
        assertEquals(Map.of("cpus.user.time", 0.4, "cpus.system.time", 0.1, "mem.total", 8388608.0,
                "processes", 1.0, "threads", 3.0), v);
    }

    @Test
    void v1ContainerUnknownToStateKeepsTheIdsItCarries() throws Exception {
        List<ContainerSample> v1 = MesosContainerSource.joinV1(
                MesosAgentClient.parseGetContainers(Files.readString(MESOS.resolve("get_containers.json"))),
                MesosAgentClient.parseState("{\"id\":\"S1\",\"frameworks\":[]}"), Instant.EPOCH);
        ContainerMetadata web = v1.get(0).metadata();
        assertEquals("team_web.6e3c5579-badb-11ee-8c90-0242ac120002", web.executorId());
        assertEquals("d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-0001", web.frameworkId());
        assertNull(web.appId());
    }

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
