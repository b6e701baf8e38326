package day2ops.diagnostics.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestTokens;
import day2ops.diagnostics.systemd.BootedSystemd;
import day2ops.diagnostics.testing.NodeProcess;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A cluster of four packaged services on their own loopback addresses: a master (127.0.0.4, no systemd of its
 * own) that lists itself and three nodes — 127.0.0.2 watching a healthy unit, 127.0.0.3 a healthy and a failed
 * one, 127.0.0.5 (a public agent) the healthy one — all reading one real systemd booted in private namespaces
 * ({@link BootedSystemd}). The master pulls over gRPC with a service-account token from a file the test rewrites.
 * Without the booted systemd (not root …) every node reports its systemd unreachable: the aggregation test is then
 * aborted with the reason, the kill and token tests still run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterHealthIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final String HEALTHY = "d2o-healthy.service";
    private static final String FAILED = "d2o-failed.service";

    private static BootedSystemd systemd;
    private static String skipReason;
    private static final List<NodeProcess> nodes = new ArrayList<>();
    private static NodeProcess agentA;
    private static NodeProcess agentB;
    private static NodeProcess publicAgent;
    private static NodeProcess master;
    private static Path tokenFile;

    @BeforeAll
    static void startCluster() throws Exception {
        skipReason = BootedSystemd.unavailableReason();
        if (skipReason == null) {
            try {
                systemd = BootedSystemd.boot();
            } catch (IOException | RuntimeException e) {
                skipReason = "booting systemd in private namespaces failed: " + e.getMessage();
            }
        }
        if (skipReason != null) {
            System.err.println("[diagnostics tests] ClusterHealthIT without real unit health: " + skipReason);
        }
        agentA = NodeProcess.launch("127.0.0.2", 0, node("agent", HEALTHY));
        agentB = NodeProcess.launch("127.0.0.3", 0, node("agent", HEALTHY + "," + FAILED));
        publicAgent = NodeProcess.launch("127.0.0.5", 0, node("agent_public", HEALTHY));
        nodes.addAll(List.of(agentA, agentB, publicAgent));
        // A failed assertion shows the whole answer, with each unknown node's reason.
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        tokenFile = Files.createTempFile("day2ops-sa", ".token");
        writeToken(TestTokens.token("svc-diagnostics-master", Permissions.SYSTEM_HEALTH));
        int masterPort = NodeProcess.freePort("127.0.0.4");
        master = NodeProcess.launch("127.0.0.4", masterPort, Map.of(
                "diagnostics.node.role", "master",
                "diagnostics.cluster.nodes", String.join(",", "agent:127.0.0.2:" + agentA.port(),
                        "agent:127.0.0.3:" + agentB.port(), "agent_public:127.0.0.5:" + publicAgent.port(),
                        "master:127.0.0.4:" + masterPort),
                "diagnostics.cluster.service-account-token-file", tokenFile.toString(),
                // Only the first pull and ?cache=0 pulls happen during the test.
                "diagnostics.cluster.pull-interval", "1h",
                // A node's first answer comes from a cold JVM on a loaded test machine; no test here is about time.
                "diagnostics.cluster.timeout", "30s"));
        nodes.add(master);
        for (NodeProcess node : nodes) {
            node.awaitReady(READY);
        }
    }

    private static Map<String, String> node(String role, String units) {
        if (systemd == null) {
            return Map.of("diagnostics.node.role", role, "diagnostics.health.extra-units", units);
        }
        return Map.of("diagnostics.node.role", role, "diagnostics.health.extra-units", units,
                // Three node JVMs ask the one booted systemd at once on a loaded test machine.
                "diagnostics.systemd.timeout", "30s",
                "diagnostics.systemd.bus-address", systemd.busAddress(),
                "diagnostics.health.journal-directory", systemd.journalDirectory().toString());
    }

    private static void writeToken(String token) throws IOException {
        Files.writeString(tokenFile, token + "\n");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
        }
        if (systemd != null) {
            systemd.close();
        }
        if (tokenFile != null) {
            Files.deleteIfExists(tokenFile);
        }
    }

    private static RequestSpecification atMaster() {
        return given().baseUri("http://" + master.ip()).port(master.port())
                .header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH));
    }

    @Test
    @Order(1)
    void aggregatesUnitAndNodeHealthOverTheCluster() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes")
                .then().statusCode(200)
                .header("Last-Modified-3DT", notNullValue())
                .body("nodes.host_ip", contains("127.0.0.4", "127.0.0.2", "127.0.0.3", "127.0.0.5"))
                .body("nodes.role", contains("master", "agent", "agent", "agent_public"))
                .body("nodes.health", contains(3, 0, 1, 0))
                // The master has no systemd here: its own health is unknown, with the node's own reason.
                .body("nodes[0].error", containsString("D-Bus socket"))
                .body("nodes[1].error", nullValue());

        atMaster().when().get("/system/health/v1/units")
                .then().statusCode(200)
                .body("units.id", contains(FAILED, HEALTHY))
                .body("units.health", contains(1, 0))
                .body("units.name", contains("Failed Test", "Healthy Test"))
                .body("units.description", contains("exits with status 3", "keeps running"));

        atMaster().when().get("/system/health/v1/units/" + HEALTHY + "/nodes")
                .then().statusCode(200)
                .body("nodes.host_ip", contains("127.0.0.2", "127.0.0.3", "127.0.0.5"))
                .body("nodes.health", contains(0, 0, 0));

        atMaster().when().get("/system/health/v1/units/" + FAILED)
                .then().statusCode(200).body("id", equalTo(FAILED)).body("health", equalTo(1));

        atMaster().when().get("/system/health/v1/units/" + FAILED + "/nodes/127.0.0.3")
                .then().statusCode(200)
                .body("host_ip", equalTo("127.0.0.3"))
                .body("health", equalTo(1))
                .body("role", equalTo("agent"))
                .body("output", startsWith("Unit " + FAILED))
                .body("output", containsString("failing on purpose"))
                .body("help", containsString("journalctl -xu " + FAILED));

        atMaster().when().get("/system/health/v1/units/" + FAILED + "/nodes/127.0.0.2")
                .then().statusCode(404).body("detail", equalTo("node 127.0.0.2 does not report unit " + FAILED));

        atMaster().when().get("/system/health/v1/nodes/127.0.0.3/units")
                .then().statusCode(200)
                .body("units.id", contains(FAILED, HEALTHY))
                .body("units.health", contains(1, 0));

        atMaster().when().get("/system/health/v1/nodes/127.0.0.3/units/" + FAILED)
                .then().statusCode(200)
                .body("id", equalTo(FAILED)).body("health", equalTo(1))
                .body("output", containsString("failing on purpose"))
                .body("name", equalTo("Failed Test"));

        atMaster().when().get("/system/health/v1/report")
                .then().statusCode(200)
                .body("Units.'" + FAILED + "'.Health", equalTo(1))
                .body("Units.'" + FAILED + "'.Nodes.IP", contains("127.0.0.3"))
                .body("Units.'" + HEALTHY + "'.Nodes.IP", contains("127.0.0.2", "127.0.0.3", "127.0.0.5"))
                .body("Nodes.'127.0.0.3'.Health", equalTo(1))
                .body("Nodes.'127.0.0.3'.Output.'" + FAILED + "'", containsString("failing on purpose"))
                .body("Nodes.'127.0.0.4'.Health", equalTo(3));
    }

    @Test
    @Order(2)
    void wrongServiceAccountTokenMakesNodesRefuseAndTheMasterShowsUnknownWithTheReason() throws IOException {
        try {
            writeToken(TestTokens.signedByUnknownKey("svc-diagnostics-master", Permissions.SYSTEM_HEALTH));
            atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.2")
                    .then().statusCode(200)
                    .body("health", equalTo(3))
                    .body("error", containsString("the node refused the service account token"));
            writeToken(TestTokens.token("svc-logs", Permissions.SYSTEM_LOGS));
            atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.3")
                    .then().statusCode(200)
                    .body("health", equalTo(3))
                    .body("error", containsString("PERMISSION_DENIED"));
            Files.delete(tokenFile);
            atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.5")
                    .then().statusCode(200)
                    .body("health", equalTo(3))
                    .body("error", containsString("cannot read the service account token " + tokenFile));
        } finally {
            writeToken(TestTokens.token("svc-diagnostics-master", Permissions.SYSTEM_HEALTH));
        }
        // A restored token applies at the next pull: the file is read on every call.
        atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.2")
                .then().statusCode(200)
                .body("error", skipReason == null ? nullValue() : not(containsString("refused")));
    }

    @Test
    @Order(3)
    void killedNodeIsUnknownAfterAFreshPull() throws InterruptedException {
        atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.5")
                .then().statusCode(200)
                .body("health", equalTo(skipReason == null ? 0 : 3))
                .body("error", skipReason == null ? nullValue() : containsString("D-Bus socket"));
        publicAgent.kill();
        // The cached view still shows the pull before the kill …
        atMaster().when().get("/system/health/v1/nodes/127.0.0.5")
                .then().statusCode(200)
                .body("health", equalTo(skipReason == null ? 0 : 3));
        // … a fresh one finds the node gone.
        atMaster().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.5")
                .then().statusCode(200)
                .body("health", equalTo(3))
                .body("role", equalTo("agent_public"))
                .body("error", containsString("UNAVAILABLE"))
                .body("error", not(containsString("D-Bus")));
        if (skipReason == null) {
            atMaster().when().get("/system/health/v1/units/" + HEALTHY + "/nodes")
                    .then().statusCode(200).body("nodes.host_ip", contains("127.0.0.2", "127.0.0.3"));
        }
    }
}
