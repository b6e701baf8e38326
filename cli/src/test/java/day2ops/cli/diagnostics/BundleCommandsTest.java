package day2ops.cli.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code day2 diagnostics bundle …} against a loopback stand-in answering in the bundle API's shapes. */
@QuarkusMainTest
class BundleCommandsTest {

    private static final String CLUSTER = "/system/health/v1/diagnostics";
    private static final String ID = "0b6e5d2c-1111-4222-8333-944455556666";

    private FakeAdminrouter adminrouter;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        adminrouter = new FakeAdminrouter();
    }

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    private static String bundle(String id, String status, int collected, String errors) {
        return "{\"id\":\"" + id + "\",\"type\":\"Cluster\",\"size\":" + (status.equals("Done") ? 3_250_586 : 0)
                + ",\"status\":\"" + status + "\",\"started_at\":\"2026-11-21T12:00:00Z\",\"stopped_at\":\""
                + (status.equals("InProgress") ? "" : "2026-11-21T12:01:00Z") + "\",\"errors\":[" + errors + "],"
                + "\"collected\":" + collected + ",\"total\":3}";
    }

    @Test
    void createPutsANewIdWithEveryNodeByDefaultAndPrintsTheId(QuarkusMainLauncher launcher) {
        adminrouter.onPrefix("PUT", CLUSTER + "/", 201, "application/json", bundle("x", "Started", 0, ""));
        LaunchResult result = launcher.launch("diagnostics", "bundle", "create", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String id = result.getOutput().strip();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        FakeAdminrouter.Request put = adminrouter.requests(CLUSTER + "/" + id).get(0);
        assertEquals("{\"masters\":true,\"agents\":true}", put.body());
        assertEquals("application/json", put.header("Content-Type"));
    }

    @Test
    void createWithNodesNamesOnlyThemAndAgentsOnlySelectsAgents(QuarkusMainLauncher launcher) {
        adminrouter.onPrefix("PUT", CLUSTER + "/", 201, "application/json", bundle("x", "Started", 0, ""));
        LaunchResult nodes = launcher.launch("diagnostics", "bundle", "create", "--url", adminrouter.url(), "--token", "t",
                "--node", "10.0.0.2", "--node", "10.0.0.3");
        assertEquals(0, nodes.exitCode(), nodes.getErrorOutput());
        assertEquals("{\"nodes\":[\"10.0.0.2\",\"10.0.0.3\"]}", adminrouter.requests().get(0).body());
        LaunchResult agents = launcher.launch("diagnostics", "bundle", "create", "--url", adminrouter.url(), "--token", "t", "--agents");
        assertEquals(0, agents.exitCode(), agents.getErrorOutput());
        assertEquals("{\"masters\":false,\"agents\":true}", adminrouter.requests().get(1).body());
        LaunchResult both = launcher.launch("diagnostics", "bundle", "create", "--url", adminrouter.url(), "--node", "10.0.0.2", "--masters");
        assertEquals(2, both.exitCode());
        assertTrue(both.getErrorOutput().startsWith("give either --node or --masters/--agents, not both"), both.getErrorOutput());
        assertEquals(2, adminrouter.requests().size());
    }

    @Test
    void localBundlesUseTheNodeApiAndRejectNodeSelection(QuarkusMainLauncher launcher) {
        adminrouter.onPrefix("PUT", "/system/health/v1/node/diagnostics/", 201, "application/json", bundle("x", "Started", 0, ""));
        LaunchResult ok = launcher.launch("diagnostics", "bundle", "create", "--local", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, ok.exitCode(), ok.getErrorOutput());
        assertEquals("/system/health/v1/node/diagnostics/" + ok.getOutput().strip(), adminrouter.requests().get(0).path());
        LaunchResult bad = launcher.launch("diagnostics", "bundle", "create", "--local", "--agents", "--url", adminrouter.url());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.getErrorOutput().startsWith("--local bundles cover this node only"), bad.getErrorOutput());
    }

    @Test
    void waitShowsPlainProgressOffATerminalAndEndsWhenDone(QuarkusMainLauncher launcher) {
        AtomicInteger polls = new AtomicInteger();
        adminrouter.onPrefix("PUT", CLUSTER + "/", 201, "application/json", bundle("x", "Started", 0, ""));
        adminrouter.onPrefix("GET", CLUSTER + "/", (exchange, request) -> {
            String id = request.path().substring(CLUSTER.length() + 1);
            String body = switch (polls.incrementAndGet()) {
                case 1 -> bundle(id, "InProgress", 0, "");
                case 2, 3 -> bundle(id, "InProgress", 2, "");
                default -> bundle(id, "Done", 3, "");
            };
            FakeAdminrouter.respond(exchange, 200, "application/json", body);
        });
        LaunchResult result = launcher.launch("diagnostics", "bundle", "create", "--wait", "--interval", "0.01",
                "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String id = result.getOutput().strip();
        String label = "bundle " + id.substring(0, 8);
        assertEquals(label + " InProgress: 0 of 3\n" + label + " InProgress: 2 of 3\n" + label + " Done: 3 of 3\n"
                + "bundle " + id + " done (3.1 MiB); download it with: day2 diagnostics bundle download " + id,
                result.getErrorOutput().strip());
        assertEquals(4, polls.get());
    }

    @Test
    void waitOnAFailedBundleExitsOneWithItsErrors(QuarkusMainLauncher launcher) {
        adminrouter.onPrefix("PUT", CLUSTER + "/", 201, "application/json", bundle("x", "Started", 0, ""));
        adminrouter.onPrefix("GET", CLUSTER + "/", (exchange, request) -> FakeAdminrouter.respond(exchange, 200,
                "application/json", bundle("x", "Failed", 1, "\"10.0.0.3: timed out after 60s\",\"no space left\"")));
        LaunchResult result = launcher.launch("diagnostics", "bundle", "create", "--wait", "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        String id = result.getOutput().strip();
        assertTrue(result.getErrorOutput().strip().endsWith("day2: bundle " + id + " ended Failed: 10.0.0.3: timed out after 60s; no space left"),
                result.getErrorOutput());
    }

    @Test
    void statusWithoutIdListsBundlesOldestFirst(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", CLUSTER, 200, "application/json", "[" + bundle("b-two", "InProgress", 1, "") + ","
                + bundle("a-one", "Done", 3, "\"10.0.0.3: unreachable\"").replace("12:00:00", "11:00:00") + "]");
        LaunchResult result = launcher.launch("diagnostics", "bundle", "status", "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                ID     TYPE     STATUS      PROGRESS     SIZE  STARTED               STOPPED               ERRORS
                a-one  Cluster  Done             3/3  3.1 MiB  2026-11-21T11:00:00Z  2026-11-21T12:01:00Z       1
                b-two  Cluster  InProgress       1/3      0 B  2026-11-21T12:00:00Z                             0""",
                result.getOutput());
    }

    @Test
    void statusOfOneBundleShowsItsFieldsAndErrors(QuarkusMainLauncher launcher) {
        adminrouter.on("GET", CLUSTER + "/" + ID, 200, "application/json", bundle(ID, "Done", 3, "\"10.0.0.3: unreachable\""));
        LaunchResult result = launcher.launch("diagnostics", "bundle", "status", ID, "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("status    Done\nprogress  3/3\nsize      3.1 MiB\n"), result.getOutput());
        assertTrue(result.getOutput().endsWith("errors:\n  10.0.0.3: unreachable"), result.getOutput());
    }

    @Test
    void downloadWritesTheWholeFileAtomically(QuarkusMainLauncher launcher) throws IOException {
        byte[] zip = new byte[300_000];
        new Random(7).nextBytes(zip);
        adminrouter.on("GET", CLUSTER + "/" + ID + "/file", (exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, zip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(zip);
            }
        });
        Path target = dir.resolve("bundle.zip");
        LaunchResult result = launcher.launch("diagnostics", "bundle", "download", ID, "-o", target.toString(),
                "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertArrayEquals(zip, Files.readAllBytes(target));
        assertEquals("downloaded 293.0 KiB to " + target, result.getErrorOutput().strip());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temp file is left behind");
        }
    }

    @Test
    void aDownloadCutShortLeavesNoFile(QuarkusMainLauncher launcher) throws IOException {
        adminrouter.on("GET", CLUSTER + "/" + ID + "/file", (exchange, request) -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[100]);
            out.flush();
            // the connection is closed with 900 bytes missing
            exchange.close();
        });
        Path target = dir.resolve("bundle.zip");
        LaunchResult result = launcher.launch("diagnostics", "bundle", "download", ID, "-o", target.toString(),
                "--url", adminrouter.url(), "--token", "t");
        assertTrue(result.exitCode() == 1 || result.exitCode() == 3, "exit " + result.exitCode());
        assertTrue(result.getErrorOutput().contains("nothing written"), result.getErrorOutput());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void downloadOfAnUnfinishedBundleSaysWhyAndWritesNothing(QuarkusMainLauncher launcher) throws IOException {
        adminrouter.on("GET", CLUSTER + "/" + ID + "/file", 404, "application/problem+json",
                "{\"status\":404,\"detail\":\"bundle " + ID + " is InProgress; its file is not ready\"}");
        Path target = dir.resolve("bundle.zip");
        LaunchResult result = launcher.launch("diagnostics", "bundle", "download", ID, "-o", target.toString(),
                "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 404 Not Found: bundle " + ID + " is InProgress; its file is not ready", result.getErrorOutput().strip());
        assertFalse(Files.exists(target));
    }

    @Test
    void deleteAndCancelUseTheirVerbs(QuarkusMainLauncher launcher) {
        adminrouter.on("DELETE", CLUSTER + "/" + ID, 200, "application/json", bundle(ID, "Deleted", 3, ""));
        adminrouter.on("POST", CLUSTER + "/" + ID + "/cancel", 200, "application/json", bundle(ID, "Canceled", 1, ""));
        LaunchResult deleted = launcher.launch("diagnostics", "bundle", "delete", ID, "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, deleted.exitCode(), deleted.getErrorOutput());
        assertEquals("bundle " + ID + " deleted", deleted.getOutput());
        LaunchResult canceled = launcher.launch("diagnostics", "bundle", "cancel", ID, "--url", adminrouter.url(), "--token", "t");
        assertEquals(0, canceled.exitCode(), canceled.getErrorOutput());
        assertEquals("bundle " + ID + " cancel requested", canceled.getOutput());
        assertEquals(List.of("DELETE", "POST"), adminrouter.requests().stream().map(FakeAdminrouter.Request::method).toList());
    }

    @Test
    void aConflictIsReportedWithTheServersDetail(QuarkusMainLauncher launcher) {
        adminrouter.on("POST", CLUSTER + "/" + ID + "/cancel", 409, "application/problem+json",
                "{\"status\":409,\"detail\":\"bundle " + ID + " is Done and cannot be canceled\"}");
        LaunchResult result = launcher.launch("diagnostics", "bundle", "cancel", ID, "--url", adminrouter.url(), "--token", "t");
        assertEquals(1, result.exitCode());
        assertEquals("day2: 409 Conflict: bundle " + ID + " is Done and cannot be canceled", result.getErrorOutput().strip());
    }
}
