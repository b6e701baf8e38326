package day2ops.diagnostics.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksConfigTest {

    private static final Duration DEFAULT = Duration.ofSeconds(30);

    @Test
    void parsesTheCheckRunnerFormat() throws IOException {
        ChecksConfig config = ChecksConfig.parse(Files.readString(Path.of("src/test/resources/checks/checks.json")), DEFAULT);
        assertEquals(List.of("leader_reachable"), List.copyOf(config.clusterChecks().keySet()));
        assertEquals(List.of("disk_ok", "clock_warning", "env_seen", "master_only"), List.copyOf(config.nodeChecks().keySet()));
        CheckDefinition disk = config.nodeChecks().get("disk_ok");
        assertEquals(new CheckDefinition("disk_ok", "Disk has room", List.of("sh", "-c", "echo fine"), Duration.ofSeconds(5),
                List.of("agent", "master")), disk);
        assertEquals(List.of("disk_ok"), config.prestart());
        assertEquals(List.of("disk_ok", "clock_warning"), config.poststart());
        assertEquals(Map.of("DAY2OPS_ZONE", "eu-1"), config.env());
    }

    @Test
    void everyPartIsOptionalAndTimeoutDefaults() {
        ChecksConfig config = ChecksConfig.parse("{\"node_checks\":{\"checks\":{\"a\":{\"cmd\":[\"true\"]}}}}", DEFAULT);
        assertEquals(DEFAULT, config.nodeChecks().get("a").timeout());
        assertEquals(List.of(), config.nodeChecks().get("a").roles());
        assertEquals(Map.of(), config.clusterChecks());
        assertEquals(ChecksConfig.EMPTY, ChecksConfig.parse("{}", DEFAULT));
    }

    @Test
    void rejectionsNameTheOffendingEntry() {
        assertEquals("node_checks.checks.a.cmd must be a non-empty array of strings", message("{\"node_checks\":{\"checks\":{\"a\":{}}}}"));
        assertEquals("cluster_checks.b.timeout: invalid duration \"soon\" (expected e.g. 500ms, 5s, 1m30s)",
                message("{\"cluster_checks\":{\"b\":{\"cmd\":[\"true\"],\"timeout\":\"soon\"}}}"));
        assertEquals("node_checks.poststart names an unknown check: nope",
                message("{\"node_checks\":{\"checks\":{},\"poststart\":[\"nope\"]}}"));
        assertEquals("check_env.N must be a string", message("{\"check_env\":{\"N\":1}}"));
        assertEquals("checks config must be a JSON object", message("[]"));
    }

    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> ChecksConfig.parse(json, DEFAULT)).getMessage();
    }
}
