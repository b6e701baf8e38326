package day2ops.cli.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code day2 node diagnostics} against recorded dcos-diagnostics-shaped health answers on loopback. */
@QuarkusMainTest
class NodeDiagnosticsCommandTest {

    private FakeAdminrouter adminrouter;

    @BeforeEach
    void start() {
        adminrouter = new FakeAdminrouter();
    }

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    private void cluster() {
        adminrouter.onJson("GET", "/system/health/v1/nodes", "cluster/health-nodes.json")
                .onJson("GET", "/system/health/v1/nodes/10.0.0.2/units", "cluster/health-node-10.0.0.2-units.json")
                .onJson("GET", "/system/health/v1/nodes/10.0.0.2/units/dcos-mesos-slave.service",
                        "cluster/health-node-10.0.0.2-mesos-slave.json");
    }

    @Test
    void listsUnhealthyUnitsAndUnreachableNodesOfTheCluster(QuarkusMainLauncher launcher) {
        cluster();
        LaunchResult result = launcher.launch("node", "diagnostics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                NODE      ROLE          UNIT                      HEALTH     OUTPUT
                10.0.0.2  agent         dcos-mesos-slave.service  unhealthy  Unit dcos-mesos-slave.service main process exited with status 1.
                10.0.0.3  agent_public  -                         unknown    node did not answer the last health pull""",
                result.getOutput());
        assertEquals(0, adminrouter.requests("/system/health/v1/nodes/10.0.0.1/units").size(), "healthy nodes are not asked");
    }

    @Test
    void verboseAddsTheUnitsJournalLines(QuarkusMainLauncher launcher) {
        cluster();
        LaunchResult result = launcher.launch("node", "diagnostics", "--url", adminrouter.url(), "--token", "t", "-v");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("== 10.0.0.2 dcos-mesos-slave.service\nUnit dcos-mesos-slave.service main process "
                + "exited with status 1. \n2026-11-21T11:59:58Z mesos-agent[811]: Failed to recover the agent\n"), result.getOutput());
    }

    @Test
    void fallsBackToTheNodesOwnHealthWithoutClusterEndpoints(QuarkusMainLauncher launcher) {
        adminrouter.onJson("GET", "/system/health/v1", "cluster/health-local.json");
        LaunchResult result = launcher.launch("node", "diagnostics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                NODE      ROLE   UNIT          HEALTH     OUTPUT
                10.0.0.9  agent  sshd.service  unhealthy  Unit sshd.service is dead""", result.getOutput());
        assertEquals(1, adminrouter.requests("/system/health/v1/nodes").size());
    }

    @Test
    void allHealthySaysSoWithTheNodeCount(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", "/system/health/v1/nodes", 200, "application/json",
                "{\"nodes\":[{\"host_ip\":\"10.0.0.1\",\"health\":0,\"role\":\"master\"},{\"host_ip\":\"10.0.0.2\",\"health\":0,\"role\":\"agent\"}]}");
        LaunchResult result = launcher.launch("node", "diagnostics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("all units healthy on 2 node(s)", result.getOutput());
    }

    @Test
    void aServiceThatCannotReadSystemdIsReportedNotHidden(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", "/system/health/v1", 503, "application/problem+json",
                "{\"status\":503,\"detail\":\"the D-Bus socket /run/dbus/system_bus_socket does not exist\"}");
        LaunchResult result = launcher.launch("node", "diagnostics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 503 Service Unavailable: the D-Bus socket /run/dbus/system_bus_socket does not exist",
                result.getErrorOutput().strip());
    }
}
