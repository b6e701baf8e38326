package day2ops.cli.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code day2 check …} against a loopback stand-in answering in dcos-check-runner's shapes. */
@QuarkusMainTest
class CheckCommandTest {

    private static final String RUN = "{\"status\":2,\"checks\":{"
            + "\"mesos_agent_registered_with_masters\":{\"output\":\"agent is not registered\\nlast try 12:00\",\"status\":2},"
            + "\"journald_dir_permissions\":{\"output\":\"\",\"status\":0},"
            + "\"clock_sync\":{\"output\":\"drift 120ms\",\"status\":1}}}";

    private FakeAdminrouter adminrouter;

    @BeforeEach
    void start() {
        adminrouter = new FakeAdminrouter()
                .on("POST", "/system/checks/v1/node/", 200, "application/json", RUN)
                .on("POST", "/system/checks/v1/cluster/", 200, "application/json", "{\"status\":0,\"checks\":{\"a\":{\"output\":\"ok\",\"status\":0}}}")
                .on("POST", "/system/checks/v1/node/poststart", 200, "application/json", "{\"status\":1,\"checks\":{\"p\":{\"output\":\"slow\",\"status\":1}}}")
                .on("POST", "/system/checks/v1/node/prestart", 200, "application/json", "{\"status\":7,\"checks\":{}}");
    }

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    @Test
    void nodeChecksPrintATableAndExitWithTheCombinedStatus(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("check", "node", "--url", adminrouter.url(), "--token", "t");
        assertEquals(2, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                CHECK                                STATUS    OUTPUT
                clock_sync                           WARNING   drift 120ms
                journald_dir_permissions             OK
                mesos_agent_registered_with_masters  CRITICAL  agent is not registered
                status: 2 (CRITICAL)""", result.getOutput());
        assertEquals("", adminrouter.requests().get(0).body(), "without names every check runs");
    }

    @Test
    void namedChecksAreSentInTheBody(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("check", "node", "clock_sync", "journald_dir_permissions",
                "--url", adminrouter.url(), "--token", "t", "-v");
        assertEquals(2, result.exitCode());
        assertEquals("{\"check\":[\"clock_sync\",\"journald_dir_permissions\"]}", adminrouter.requests().get(0).body());
        assertTrue(result.getOutput().contains("== mesos_agent_registered_with_masters\nagent is not registered\nlast try 12:00\n"),
                result.getOutput());
    }

    @Test
    void clusterAndPoststartUseTheirPaths(QuarkusMainLauncher launcher) {
        assertEquals(0, launcher.launch("check", "cluster", "--url", adminrouter.url(), "--token", "t").exitCode());
        assertEquals(1, launcher.launch("check", "node-poststart", "--url", adminrouter.url(), "--token", "t").exitCode());
        assertEquals(1, adminrouter.requests("/system/checks/v1/cluster/").size());
        assertEquals(1, adminrouter.requests("/system/checks/v1/node/poststart").size());
    }

    @Test
    void anOutOfRangeCombinedStatusIsUnknown(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("check", "node-prestart", "--url", adminrouter.url(), "--token", "t");
        assertEquals(3, result.exitCode());
        assertEquals("no checks configured\nstatus: 3 (UNKNOWN)", result.getOutput());
    }

    @Test
    void checksThatCannotRunExitThreeWithTheReason(QuarkusMainLauncher launcher) {
        adminrouter.on("POST", "/system/checks/v1/node/", 404, "application/problem+json",
                "{\"status\":404,\"detail\":\"unknown node checks: nosuch\"}");
        LaunchResult result = launcher.launch("check", "node", "nosuch", "--url", adminrouter.url(), "--token", "t");
        assertEquals(3, result.exitCode());
        assertEquals("day2: 404 Not Found: unknown node checks: nosuch", result.getErrorOutput().strip());
    }

    @Test
    void poststartTakesNoNames(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("check", "node-poststart", "x", "--url", adminrouter.url());
        assertEquals(2, result.exitCode());
        assertEquals(0, adminrouter.requests().size());
    }
}
