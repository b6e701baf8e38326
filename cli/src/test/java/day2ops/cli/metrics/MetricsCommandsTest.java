package day2ops.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code day2 node metrics} and {@code day2 task metrics} against recorded Metrics API answers on loopback. */
@QuarkusMainTest
class MetricsCommandsTest {

    private static final String AGENT = "/system/v1/agent/a1b2c3-S0/metrics/v0";

    private FakeAdminrouter adminrouter;

    @BeforeEach
    void start() {
        adminrouter = new FakeAdminrouter()
                .onJson("GET", "/system/v1/metrics/v0/node", "cluster/metrics-node.json")
                .onJson("GET", AGENT + "/node", "cluster/metrics-node.json")
                .on("GET", AGENT + "/containers", 200, "application/json", "[\"6d1e-web\",\"77aa-db\",\"gone\",\"secret\"]")
                .onJson("GET", AGENT + "/containers/6d1e-web", "cluster/metrics-container-web.json")
                .onJson("GET", AGENT + "/containers/77aa-db", "cluster/metrics-container-db.json")
                .on("GET", AGENT + "/containers/gone", 204, null, "")
                .on("GET", AGENT + "/containers/secret", 403, "application/problem+json", "{\"status\":403,\"detail\":\"app permission required\"}")
                .onJson("GET", AGENT + "/containers/6d1e-web/app", "cluster/metrics-container-web-app.json")
                .on("GET", AGENT + "/containers/77aa-db/app", 204, null, "");
    }

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    @Test
    void nodeMetricsAreATableWithCpuAndMemoryInUnitsForPeople(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("node", "metrics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String out = result.getOutput();
        assertTrue(out.contains("cpu.total                            12.50%"), out);
        assertTrue(out.contains("memory.total                       15.6 GiB"), out);
        assertEquals("token=t", adminrouter.requests("/system/v1/metrics/v0/node").get(0).header("Authorization"));
    }

    @Test
    void jsonIsTheApiAnswerAndAgentGoesThroughTheAgentRoute(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("node", "metrics", "--url", adminrouter.url(), "--token", "t",
                "--agent", "a1b2c3-S0", "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().startsWith("{\"datapoints\":[{\"name\":\"system.uptime\",\"value\":93784"), result.getOutput());
        assertEquals(1, adminrouter.requests(AGENT + "/node").size());
    }

    @Test
    void nothingCollectedYetIsAClearFailure(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", "/system/v1/metrics/v0/node", 204, null, "");
        LaunchResult result = launcher.launch("node", "metrics", "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        assertEquals("day2: the node has not collected metrics yet (204); try again in a few seconds", result.getErrorOutput().strip());
    }

    @Test
    void taskMetricsFindTheContainerAndShowItsAndTheAppsMetrics(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "metrics", "--url", adminrouter.url(), "--token", "t",
                "--agent", "a1b2c3-S0", "team_web.5e7f0c2a");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String out = result.getOutput();
        assertTrue(out.startsWith("container 6d1e-web (hostname=agent-1.example, mesos_id=a1b2c3-S0, task_name=web, "
                + "task_id=team_web.5e7f0c2a, container_id=6d1e-web, framework_name=marathon)\n"), out);
        assertTrue(out.contains("mem.limit       256.0 MiB"), out);
        assertTrue(out.contains("cpus.user.time    12.34 s"), out);
        assertTrue(out.contains("app metrics (hostname=agent-1.example"), out);
        assertTrue(out.contains("http.requests     42  DCOS_METRICS_FORMAT=prometheus,code=200"), out);
    }

    @Test
    void taskWithoutAppMetricsSaysSo(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "metrics", "--url", adminrouter.url(), "--token", "t",
                "--agent", "a1b2c3-S0", "db");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("app metrics: none"), result.getOutput());
    }

    @Test
    void unknownTaskFailsNamingHowManyContainersWereSearched(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "metrics", "--url", adminrouter.url(), "--token", "t",
                "--agent", "a1b2c3-S0", "api");
        assertEquals(1, result.exitCode());
        assertEquals("day2: no container of task 'api' among the 2 container(s) of this node; use --agent for the task's node",
                result.getErrorOutput().strip());
    }

    @Test
    void aMasterWithoutContainerRoutesIsA404Line(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("task", "metrics", "--url", adminrouter.url(), "--token", "t", "web");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 404 Not Found: no route /system/v1/metrics/v0/containers", result.getErrorOutput().strip());
    }
}
