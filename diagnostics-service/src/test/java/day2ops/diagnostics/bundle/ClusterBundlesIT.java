package day2ops.diagnostics.bundle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestTokens;
import day2ops.diagnostics.testing.NodeProcess;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bundles across packaged services, each its own JVM on its own loopback address: a master and two nodes with
 * journals of their own, one node killed (SIGKILL) in the middle of its part; and a node killed while building a
 * local bundle, then started again on the same bundle directory.
 */
class ClusterBundlesIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final String UNIT = "d2o-bundle.service";

    private final List<NodeProcess> processes = new ArrayList<>();
    private HttpServer holdServer;
    private final CountDownLatch holdReached = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Path dir;

    @BeforeEach
    void holdEndpoint() throws IOException {
        dir = Files.createTempDirectory("day2ops-bundle-it");
        // An endpoint that a node's bundle dumps: it says when it is reached, then holds the node there.
        holdServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        holdServer.setExecutor(Executors.newCachedThreadPool());
        holdServer.createContext("/hold", exchange -> {
            holdReached.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "released\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        holdServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        release.countDown();
        for (NodeProcess process : processes) {
            process.close();
        }
        holdServer.stop(0);
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static RequestSpecification operator(NodeProcess node) {
        return given().baseUri(node.uri().toString())
                .header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH));
    }

    /** A node's config: a journal directory with {@code lines} of the watched unit, and optionally the holding endpoint. */
    private Map<String, String> node(String name, int lines, boolean holds) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve(name));
        List<JournalFiles.Line> journal = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < lines; i++) {
            journal.add(new JournalFiles.Line(start.plusMillis(i), UNIT, name + " line " + i + " token=t" + i));
        }
        JournalFiles.write(nodeDir.resolve("journal"), journal);
        Files.createDirectories(nodeDir.resolve("units"));
        Files.writeString(nodeDir.resolve("units").resolve(UNIT), "");
        Map<String, String> config = new HashMap<>();
        config.put("diagnostics.health.units-dir", nodeDir.resolve("units").toString());
        config.put("diagnostics.health.journal-directory", nodeDir.resolve("journal").toString());
        config.put("diagnostics.bundle-dir", nodeDir.resolve("bundles").toString());
        config.put("diagnostics.bundles.files", "/etc/os-release");
        if (holds) {
            config.put("diagnostics.bundles.endpoints.hold.url", "http://127.0.0.1:" + holdServer.getAddress().getPort() + "/hold");
            config.put("diagnostics.bundles.endpoint-timeout", "120s");
        }
        return config;
    }

    private NodeProcess started(NodeProcess process) {
        processes.add(process);
        return process;
    }

    private static JsonPath awaitStatus(NodeProcess node, String path, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonPath state;
        do {
            state = operator(node).when().get(path).then().statusCode(200).extract().jsonPath();
            if (status.equals(state.getString("status"))) {
                return state;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        fail(path + " did not become " + status + "; last state " + state.prettify());
        return state;
    }

    @Test
    void aNodeKilledMidBundleIsFailedAndTheBundleCompletesWithTheOthersPart() throws Exception {
        NodeProcess agentA = started(NodeProcess.launch("127.0.0.6", 0, node("a", 5000, false)));
        NodeProcess agentB = started(NodeProcess.launch("127.0.0.7", 0, node("b", 5000, true)));
        Path token = dir.resolve("service-account.jwt");
        Files.writeString(token, TestTokens.token("svc-diagnostics-master", Permissions.SYSTEM_HEALTH));
        agentA.awaitReady(READY);
        agentB.awaitReady(READY);
        NodeProcess master = started(NodeProcess.start("127.0.0.8", 0, Map.of(
                "diagnostics.node.role", "master",
                "diagnostics.cluster.nodes", "agent:127.0.0.6:" + agentA.port() + ",agent:127.0.0.7:" + agentB.port(),
                "diagnostics.cluster.service-account-token-file", token.toString(),
                "diagnostics.cluster.pull-interval", "1h",
                "diagnostics.bundle-dir", dir.resolve("master-bundles").toString()), READY));

        operator(master).contentType("application/json").body("{\"agents\":true}")
                .when().put("/system/health/v1/diagnostics/two-nodes").then().statusCode(200).body("total", equalTo(2));
        assertTrue(holdReached.await(120, TimeUnit.SECONDS), "node b never reached its held endpoint");
        agentB.kill();

        JsonPath state = awaitStatus(master, "/system/health/v1/diagnostics/two-nodes", "Done");
        assertEquals(2, state.getInt("collected"));
        Map<String, String> entries = BundleTesting.unzip(operator(master).when()
                .get("/system/health/v1/diagnostics/two-nodes/file").then().statusCode(200).extract().asByteArray());
        JsonPath report = JsonPath.from(entries.get("report.json"));
        assertEquals("Done", report.getString("nodes.'127.0.0.6'.status"));
        assertEquals("Failed", report.getString("nodes.'127.0.0.7'.status"));
        assertFalse(report.getString("nodes.'127.0.0.7'.error").isEmpty(), entries.get("report.json"));
        assertTrue(entries.get("summaryErrorsReport.txt").contains("127.0.0.7_agent: "), entries.get("summaryErrorsReport.txt"));

        List<String> journal = entries.get("127.0.0.6_agent/journal/" + UNIT + ".log").lines().toList();
        assertEquals(5000, journal.size());
        assertTrue(journal.get(0).endsWith("fixture[4242]: a line 0 token=[REDACTED]"), journal.get(0));
        assertTrue(journal.get(4999).endsWith("fixture[4242]: a line 4999 token=[REDACTED]"), journal.get(4999));
        assertTrue(entries.containsKey("127.0.0.6_agent/files/etc/os-release"), entries.keySet().toString());
        // What b streamed before it died is kept, under its folder; its journal came before the held endpoint.
        assertEquals(5000, entries.get("127.0.0.7_agent/journal/" + UNIT + ".log").lines().count());
    }

    @Test
    void aBundleInterruptedByAKillIsFailedAfterTheRestart() throws Exception {
        Map<String, String> config = node("restart", 10, true);
        NodeProcess first = started(NodeProcess.start("127.0.0.6", 0, config, READY));
        operator(first).when().put("/system/health/v1/node/diagnostics/interrupted").then().statusCode(200);
        assertTrue(holdReached.await(120, TimeUnit.SECONDS), "the bundle never reached its held endpoint");
        first.kill();

        NodeProcess second = started(NodeProcess.start("127.0.0.6", 0, config, READY));
        operator(second).when().get("/system/health/v1/node/diagnostics/interrupted").then().statusCode(200)
                .body("status", equalTo("Failed"))
                .body("errors[0]", containsString("the diagnostics service stopped while this bundle was being built"));
        operator(second).when().get("/system/health/v1/node/diagnostics/interrupted/file").then().statusCode(410);
        assertFalse(Files.exists(Path.of(config.get("diagnostics.bundle-dir"), "local/interrupted/bundle.zip")));
    }
}
