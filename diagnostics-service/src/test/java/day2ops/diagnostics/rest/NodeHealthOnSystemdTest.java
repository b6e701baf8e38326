package day2ops.diagnostics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.UnitProperties;
import day2ops.diagnostics.grpc.NodePlaneClient;
import day2ops.diagnostics.systemd.BootedSystemdResource;
import day2ops.diagnostics.systemd.SystemdUnitReader;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /system/health/v1} against a real systemd booted as PID 1 of private namespaces
 * ({@link BootedSystemdResource}), with one test unit per outcome of the health rules.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(BootedSystemdResource.class)
class NodeHealthOnSystemdTest {

    private static final String PATH = "/system/health/v1";

    @ConfigProperty(name = BootedSystemdResource.SKIP_REASON, defaultValue = BootedSystemdResource.NOT_SKIPPED)
    String skipReason;

    @Inject
    SystemdUnitReader reader;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void requireBootedSystemd() {
        Assumptions.assumeTrue(BootedSystemdResource.NOT_SKIPPED.equals(skipReason),
                "real systemd not available on this machine: " + skipReason);
    }

    private static JsonPath health() {
        return given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH))
                .when().get(PATH)
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    private static Map<String, Object> unit(JsonPath health, String id) {
        return health.getMap("units.find { it.id == '" + id + "' }");
    }

    @Test
    void reportsEveryWatchedUnitInOrderAndNothingElse() {
        assertEquals(BootedSystemdResource.UNITS.stream().sorted().toList(), health().getList("units.id"));
    }

    @Test
    void nodeAndUnitObjectsHaveTheDcosDiagnosticsShape() {
        JsonPath health = health();
        assertEquals(Set.of("units", "hostname", "ip", "dcos_version", "node_role", "mesos_id", "dcos_diagnostics_version"),
                health.getMap("").keySet());
        assertEquals("10.0.0.7", health.getString("ip"));
        assertEquals("master", health.getString("node_role"));
        assertEquals("", health.getString("mesos_id"));
        for (Map<String, Object> unit : health.<Map<String, Object>>getList("units")) {
            assertEquals(Set.of("id", "health", "output", "description", "help", "name"), unit.keySet());
        }
    }

    @Test
    void runningUnitIsHealthyWithItsDescriptionSplit() {
        Map<String, Object> unit = unit(health(), "d2o-healthy.service");
        assertEquals(0, unit.get("health"));
        assertEquals("", unit.get("output"));
        assertEquals("Healthy Test", unit.get("name"));
        assertEquals("keeps running", unit.get("description"));
    }

    @Test
    void failedUnitIsUnhealthyWithItsJournal() {
        String output = (String) unit(health(), "d2o-failed.service").get("output");
        assertEquals(1, unit(health(), "d2o-failed.service").get("health"));
        String[] lines = output.split("\n");
        assertEquals("Unit d2o-failed.service state is not one of the possible states [active inactive activating]."
                + " Current state is [ failed ]. Check `systemctl status d2o-failed.service`.", lines[0]);
        assertEquals(true, output.contains("sh[") && output.contains("]: failing on purpose"), output);
    }

    @Test
    void unhealthyUnitCarriesExactlyItsNewest50JournalLines() {
        String[] lines = ((String) unit(health(), "d2o-chatty.service").get("output")).split("\n");
        assertEquals(1 + 50, lines.length, String.join("\n", lines));
        assertEquals(true, lines[1].endsWith("]: chatty line 11"), lines[1]);
        assertEquals(true, lines[50].endsWith("]: chatty line 60"), lines[50]);
    }

    @Test
    void unitRestartingAfterRunningIsFlapping() {
        Map<String, Object> unit = unit(health(), "d2o-flapping.service");
        assertEquals(1, unit.get("health"));
        String output = (String) unit.get("output");
        assertEquals(true, output.startsWith("Unit d2o-flapping.service is flapping."), output);
        assertEquals(true, output.contains(": flapping on purpose"), output);
    }

    @Test
    void unitRestartingWithoutEverRunningIsNeverActive() {
        Map<String, Object> unit = unit(health(), "d2o-neveractive.service");
        assertEquals(1, unit.get("health"));
        assertEquals(true, ((String) unit.get("output")).startsWith("Unit d2o-neveractive.service has never entered `active` state\n"),
                (String) unit.get("output"));
        assertEquals("d2o-neveractive.service", unit.get("name"));
        assertEquals("Never active test unit", unit.get("description"));
    }

    @Test
    void inactiveUnitIsUnhealthyWithItsSubState() {
        Map<String, Object> unit = unit(health(), "d2o-inactive.service");
        assertEquals(1, unit.get("health"));
        // Never ran, so no journal lines follow the reason.
        assertEquals("Unit d2o-inactive.service is dead", unit.get("output"));
    }

    @Test
    void unitWithoutUnitFileIsNotLoaded() {
        Map<String, Object> unit = unit(health(), "d2o-notloaded.service");
        assertEquals(1, unit.get("health"));
        assertEquals("Unit d2o-notloaded.service is not loaded (LoadState not-found). Check `systemctl status d2o-notloaded.service`.",
                unit.get("output"));
    }

    @Test
    void readerSeesTheSamePropertiesAsSystemctl() {
        List<UnitProperties> units = reader.read(List.of("d2o-failed.service", "d2o-neveractive.service", "d2o-flapping.service"));
        UnitProperties failed = units.get(0);
        assertEquals(List.of("loaded", "failed", "failed", 3), List.of(failed.loadState(), failed.activeState(), failed.subState(),
                failed.execMainStatus()));
        assertEquals("Failed Test: exits with status 3", failed.description());
        UnitProperties neverActive = units.get(1);
        assertEquals(List.of("activating", "auto-restart", 0L), List.of(neverActive.activeState(), neverActive.subState(),
                neverActive.activeEnterTimestampMonotonic()));
        UnitProperties flapping = units.get(2);
        assertEquals(true, flapping.inactiveEnterTimestampMonotonic() > flapping.activeEnterTimestampMonotonic(), flapping.toString());
    }

    @Test
    void nodePlaneReportsTheSameHealthAsRest() throws Exception {
        try (NodePlaneClient client = new NodePlaneClient("127.0.0.1", port,
                TestTokens.token("svc-diagnostics", Permissions.SYSTEM_HEALTH), Duration.ofSeconds(30))) {
            NodeHealth overGrpc = client.health();
            JsonPath overRest = health();
            assertEquals(overRest.getList("units.id"), overGrpc.units().stream().map(UnitHealth::id).toList());
            assertEquals(overRest.getList("units.health"), overGrpc.units().stream().map(UnitHealth::health).toList());
            assertEquals(overRest.getList("units.name"), overGrpc.units().stream().map(UnitHealth::name).toList());
            assertEquals(List.of("10.0.0.7", "master"), List.of(overGrpc.ip(), overGrpc.nodeRole()));
        }
    }

    @Test
    void nodePlaneRejectsMissingTokensAndMissingPermission() throws Exception {
        // Quarkus gRPC on the shared HTTP server answers a call without token PERMISSION_DENIED (not UNAUTHENTICATED).
        try (NodePlaneClient anonymous = new NodePlaneClient("127.0.0.1", port, (String) null, Duration.ofSeconds(30))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, anonymous::health);
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), e.toString());
        }
        try (NodePlaneClient expired = new NodePlaneClient("127.0.0.1", port,
                TestTokens.expired("svc-diagnostics", Permissions.SYSTEM_HEALTH), Duration.ofSeconds(30))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, expired::health);
            assertEquals(true, Set.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED).contains(e.getStatus().getCode()),
                    e.toString());
        }
        try (NodePlaneClient logsOnly = new NodePlaneClient("127.0.0.1", port,
                TestTokens.token("svc-logs", Permissions.SYSTEM_LOGS), Duration.ofSeconds(30))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, logsOnly::health);
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), e.toString());
        }
    }

    @Test
    void requiresAToken() {
        given().when().get(PATH)
                .then().statusCode(401).header("WWW-Authenticate", containsString("acsjwt"))
                .contentType("application/problem+json");
    }

    @Test
    void requiresTheSystemHealthPermission() {
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_LOGS))
                .when().get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void superuserMayRead() {
        given().header("Authorization", "Bearer " + TestTokens.token("root", Permissions.SUPERUSER))
                .when().get(PATH)
                .then().statusCode(200).body("units.size()", equalTo(BootedSystemdResource.UNITS.size()));
    }
}
