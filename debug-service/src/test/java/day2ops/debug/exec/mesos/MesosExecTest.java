package day2ops.debug.exec.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.exec.ChannelProtocol;
import day2ops.debug.testing.ExecClient;
import day2ops.debug.testing.FakeMesosAgentResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Backend 2: exec through the Mesos agent v1 API against {@link FakeMesosAgentResource}. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(FakeMesosAgentResource.class)
// Exec sessions are refused unless their start is audited: the test brings its own journald.
@WithTestResource(AuditJournalResource.class)
class MesosExecTest {

    private static final String TASK = FakeMesosAgentResource.TASK;

    @TestHTTPResource("/")
    URL base;

    private ExecClient exec(boolean stdin, boolean tty, String... command) throws Exception {
        return ExecClient.open(ExecClient.uri(base.getPort(), TASK, List.of(command), stdin, tty),
                TestTokens.token("alice", Permissions.DEBUG, Permissions.appSandbox("/team/app")), ChannelProtocol.V5);
    }

    private static List<JsonNode> calls(Predicate<JsonNode> which) {
        return FakeMesosAgentResource.CALLS.stream().filter(which).toList();
    }

    @Test
    void launchesANestedContainerOfTheTasksContainerAndStreamsItsOutput() throws Exception {
        try (ExecClient client = exec(false, false, "sh", "-c", "echo out; echo err >&2; exit 3")) {
            JsonNode status = client.awaitStatus();
            assertEquals("3", status.path("details").path("causes").get(0).path("message").asText());
            assertEquals("out\n", client.output(ChannelProtocol.STDOUT));
            assertEquals("err\n", client.output(ChannelProtocol.STDERR));
        }
        JsonNode launch = calls(c -> c.path("type").asText().equals("LAUNCH_NESTED_CONTAINER_SESSION")).get(0)
                .path("launch_nested_container_session");
        assertEquals(FakeMesosAgentResource.CONTAINER, launch.path("container_id").path("parent").path("value").asText());
        assertEquals("sh", launch.path("command").path("value").asText());
        assertEquals(false, launch.path("command").path("shell").asBoolean());
        assertTrue(launch.path("container").isMissingNode(), "no tty_info without a TTY");
    }

    @Test
    void signalDeathIs128PlusN() throws Exception {
        try (ExecClient client = exec(false, false, "sh", "-c", "kill -TERM $$")) {
            assertEquals("143", client.awaitStatus().path("details").path("causes").get(0).path("message").asText());
        }
    }

    @Test
    void inputStreamStartsWithContainerIdCarriesStdinEofTtyInfoAndHeartbeats() throws Exception {
        try (ExecClient client = exec(true, true, "sh", "-c", "cat; echo done")) {
            client.resize(120, 40);
            client.stdin("typed\n");
            client.awaitOutput(ChannelProtocol.STDOUT, "typed\n");
            waitFor(() -> !calls(c -> c.path("attach_container_input").path("process_io").path("control")
                    .path("type").asText().equals("HEARTBEAT")).isEmpty());
            client.closeStdin();
            assertEquals("Success", client.awaitStatus().path("status").asText());
            assertEquals("typed\ndone\n", client.output(ChannelProtocol.STDOUT));
        }
        List<JsonNode> input = calls(c -> c.path("type").asText().equals("ATTACH_CONTAINER_INPUT"));
        JsonNode first = input.get(0).path("attach_container_input");
        assertEquals("CONTAINER_ID", first.path("type").asText());
        assertEquals(FakeMesosAgentResource.CONTAINER, first.path("container_id").path("parent").path("value").asText());
        JsonNode tty = input.stream().map(c -> c.path("attach_container_input").path("process_io").path("control"))
                .filter(c -> c.path("type").asText().equals("TTY_INFO")).findFirst().orElseThrow();
        assertEquals(40, tty.path("tty_info").path("window_size").path("rows").asInt());
        assertEquals(120, tty.path("tty_info").path("window_size").path("columns").asInt());
        JsonNode heartbeat = input.stream().map(c -> c.path("attach_container_input").path("process_io").path("control"))
                .filter(c -> c.path("type").asText().equals("HEARTBEAT")).findFirst().orElseThrow();
        assertEquals(200_000_000L, heartbeat.path("heartbeat").path("interval").path("nanoseconds").asLong());
        assertTrue(input.stream().anyMatch(c -> c.path("attach_container_input").path("process_io").path("data")
                .path("data").asText("x").isEmpty()), "an empty STDIN chunk marks the end of input");
        JsonNode launch = calls(c -> c.path("type").asText().equals("LAUNCH_NESTED_CONTAINER_SESSION")).get(
                calls(c -> c.path("type").asText().equals("LAUNCH_NESTED_CONTAINER_SESSION")).size() - 1)
                .path("launch_nested_container_session");
        assertEquals("MESOS", launch.path("container").path("type").asText());
        assertTrue(launch.path("container").has("tty_info"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
