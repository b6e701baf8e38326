package day2ops.diagnostics.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static CheckDefinition sh(String name, String script, Duration timeout) {
        return new CheckDefinition(name, name, List.of("sh", "-c", script), timeout, List.of());
    }

    @Test
    void exitCodeIsTheStatusAndTheWorstIsCombined() {
        ChecksReport report = new CheckRunner(pool).runAll(List.of(
                sh("ok", "echo all good", Duration.ofSeconds(10)),
                sh("warn", "echo careful; exit 1", Duration.ofSeconds(10)),
                sh("fail", "echo broken >&2; exit 2", Duration.ofSeconds(10))), Map.of());
        assertEquals(2, report.status());
        assertEquals(new CheckResult("all good\n", 0), report.checks().get("ok"));
        assertEquals(new CheckResult("careful\n", 1), report.checks().get("warn"));
        assertEquals(new CheckResult("broken\n", 2), report.checks().get("fail"));
        assertEquals(List.of("ok", "warn", "fail"), List.copyOf(report.checks().keySet()));
    }

    @Test
    void noChecksIsOk() {
        assertEquals(new ChecksReport(0, Map.of()), new CheckRunner(pool).runAll(List.of(), Map.of()));
    }

    @Test
    void exitCodeOutOfRangeIsUnknown() throws InterruptedException {
        assertEquals(new CheckResult("odd\nexit code 7 is not a check status (0-3)", 3),
                CheckRunner.run(sh("odd", "echo odd; exit 7", Duration.ofSeconds(10)), Map.of()));
    }

    @Test
    void missingCommandIsUnknown() throws InterruptedException {
        CheckResult result = CheckRunner.run(new CheckDefinition("gone", "", List.of("/nonexistent/check-binary"),
                Duration.ofSeconds(10), List.of()), Map.of());
        assertEquals(3, result.status());
        assertTrue(result.output().contains("/nonexistent/check-binary"), result.output());
    }

    @Test
    void checkEnvironmentReachesTheCommand() throws InterruptedException {
        assertEquals(new CheckResult("eu-1\n", 0),
                CheckRunner.run(sh("env", "echo $DAY2OPS_ZONE", Duration.ofSeconds(10)), Map.of("DAY2OPS_ZONE", "eu-1")));
    }

    @Test
    void timeoutKillsTheWholeProcessGroupAndIsUnknown() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // The child ignores SIGTERM and is not the check's main process: only a group-wide SIGKILL ends it.
        CheckResult result = CheckRunner.run(sh("hang",
                "sh -c 'trap \"\" TERM; sleep 300' & echo $! > " + pidFile + "; echo started; sleep 300",
                Duration.ofMillis(1500)), Map.of());
        assertEquals(3, result.status());
        assertEquals("started\ncheck timed out after 1500ms; its process group was killed", result.output());
        assertGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void childrenLeftBehindByAFinishedCheckAreKilled() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CheckResult result = CheckRunner.run(sh("leaky", "sleep 300 & echo $! > " + pidFile + "; echo done", Duration.ofSeconds(30)),
                Map.of());
        assertEquals(new CheckResult("done\n", 0), result);
        assertGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void hugeOutputIsCut() throws InterruptedException {
        CheckResult result = CheckRunner.run(sh("loud", "head -c 200000 /dev/zero | tr '\\0' x", Duration.ofSeconds(30)), Map.of());
        assertEquals(0, result.status());
        assertEquals(CheckRunner.MAX_OUTPUT_BYTES + "\n(output truncated at 65536 bytes)".length(), result.output().length());
        assertTrue(result.output().endsWith("x\n(output truncated at 65536 bytes)"));
    }

    private static void assertGone(long pid) throws IOException, InterruptedException {
        // SIGKILL is delivered before kill(1) returns; the zombie is reaped by init shortly after. A killed
        // process is a zombie (state Z) or gone — never running.
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 100 && Files.exists(stat); i++) {
            String state = Files.readString(stat).replaceAll("^.*\\) ", "").substring(0, 1);
            if (state.equals("Z")) {
                return;
            }
            Thread.sleep(50);
        }
        assertFalse(Files.exists(stat), "process " + pid + " still runs");
    }
}
