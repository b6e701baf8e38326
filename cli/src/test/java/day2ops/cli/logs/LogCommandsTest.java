package day2ops.cli.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code day2 node log} and {@code day2 task log} against a loopback stand-in for Adminrouter. */
@QuarkusMainTest
class LogCommandsTest {

    private static final String SANDBOX = "/system/v1/agent/a1b2c3-S0/logs/v2/task/frameworks/fw-1/executors/web.5e7f/runs/6d1e/stderr";

    private FakeAdminrouter adminrouter;

    @BeforeEach
    void start() {
        adminrouter = new FakeAdminrouter()
                .on("GET", "/system/v1/logs/v2/component", 200, "text/plain;charset=utf-8",
                        "2026-11-21 12:00:00: one\n2026-11-21 12:00:01: two\n")
                .on("GET", "/system/v1/logs/v2/component/sshd.service", 200, "text/plain;charset=utf-8", "2026-11-21 12:00:02: sshd\n")
                .on("GET", "/system/v1/agent/a1b2c3-S0/logs/v2/component", 204, null, "")
                .on("GET", "/system/v1/logs/v2/task/web/file/stderr", (exchange, request) -> {
                    exchange.getResponseHeaders().add("Location", SANDBOX + "?" + request.query());
                    FakeAdminrouter.respond(exchange, 303, null, "");
                })
                .on("GET", SANDBOX, 200, "text/plain;charset=utf-8", "panic: oops\n")
                .on("GET", "/system/v1/logs/v2/task/nope/file/stdout", 404, "application/problem+json",
                        "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"unknown task 'nope'\"}");
    }

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    @Test
    void nodeLogAsksForTheLastLinesAsTextAndPrintsThemAsTheyCame(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("node", "log", "--url", adminrouter.url(), "--token", "t", "--lines", "2");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("2026-11-21 12:00:00: one\n2026-11-21 12:00:01: two", result.getOutput());
        FakeAdminrouter.Request request = adminrouter.requests().get(0);
        assertEquals("cursor=END&skip=-2", request.query());
        assertEquals("text/plain", request.header("Accept"));
        assertEquals("token=t", request.header("Authorization"));
    }

    @Test
    void unitIsAddedToThePathAsAServiceAndJsonIsAskedForWithJson(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("node", "log", "--url", adminrouter.url(), "--token", "t", "--unit", "sshd", "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("application/json", adminrouter.requests("/system/v1/logs/v2/component/sshd.service").get(0).header("Accept"));
        assertEquals("cursor=END&skip=-10", adminrouter.requests().get(0).query());
    }

    @Test
    void agentLogsGoThroughTheAgentRouteAndNothingMatchedPrintsNothing(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("node", "log", "--url", adminrouter.url(), "--token", "t", "--agent", "a1b2c3-S0");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("", result.getOutput());
        assertEquals(1, adminrouter.requests("/system/v1/agent/a1b2c3-S0/logs/v2/component").size());
    }

    @Test
    void refusalIsOneLineWithStatusReasonAndDetail(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", "/system/v1/logs/v2/component", 403, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"permission dcos:adminrouter:ops:system-logs required\"}");
        LaunchResult result = launcher.launch("node", "log", "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 403 Forbidden: permission dcos:adminrouter:ops:system-logs required", result.getErrorOutput().strip());
    }

    @Test
    void badOptionsAreUsageErrors(QuarkusMainLauncher launcher) {
        LaunchResult negative = launcher.launch("node", "log", "--url", adminrouter.url(), "--lines", "-3");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.getErrorOutput().startsWith("--lines must be 0 or more, got -3"), negative.getErrorOutput());
        LaunchResult badAgent = launcher.launch("node", "log", "--url", adminrouter.url(), "--agent", "../x");
        assertEquals(2, badAgent.exitCode());
        assertTrue(badAgent.getErrorOutput().startsWith("day2: --agent must be an agent id"), badAgent.getErrorOutput());
        LaunchResult badUrl = launcher.launch("node", "log", "--url", "ftp://x");
        assertEquals(2, badUrl.exitCode());
        assertTrue(badUrl.getErrorOutput().startsWith("day2: --url must be an http:// or https:// URL"), badUrl.getErrorOutput());
        assertEquals(0, adminrouter.requests().size());
    }

    @Test
    void taskLogFollowsDiscoveryToTheAgentKeepingTheQuery(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "log", "--url", adminrouter.url(), "--token", "t", "web",
                "--file", "stderr", "--lines", "1");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("panic: oops", result.getOutput());
        FakeAdminrouter.Request sandbox = adminrouter.requests(SANDBOX).get(0);
        assertEquals("cursor=END&skip=-1", sandbox.query());
        assertEquals("token=t", sandbox.header("Authorization"));
    }

    @Test
    void unknownTaskIsTheServersDetail(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "log", "--url", adminrouter.url(), "--token", "t", "nope");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 404 Not Found: unknown task 'nope'", result.getErrorOutput().strip());
    }

    @Test
    void aTokenFileIsReadWhenNoTokenIsGiven(QuarkusMainLauncher launcher) throws IOException {
        Path file = Files.createTempFile("token", ".jwt");
        try {
            Files.writeString(file, "from-file\n");
            LaunchResult result = launcher.launch("node", "log", "--url", adminrouter.url(), "--token-file", file.toString());
            assertEquals(0, result.exitCode(), result.getErrorOutput());
            assertEquals("token=from-file", adminrouter.requests().get(0).header("Authorization"));
        } finally {
            Files.delete(file);
        }
        LaunchResult missing = launcher.launch("node", "log", "--url", adminrouter.url(), "--token-file", file.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().startsWith("day2: token file " + file + " does not exist"), missing.getErrorOutput());
    }
}
