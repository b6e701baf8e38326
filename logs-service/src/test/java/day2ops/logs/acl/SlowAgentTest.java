package day2ops.logs.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.testing.Fixture;
import day2ops.logs.testing.GatedMesosAgent;
import day2ops.logs.testing.Http;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import day2ops.logs.testing.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Task → application resolution never stalls a reader thread: with ONE reader thread and a Mesos agent
 * that holds its answer, a stream waiting for the agent parks, and another stream on the same thread
 * is served meanwhile; the waiting one continues, correctly filtered, once the agent answers. An
 * agent that fails is counted ({@code mesos_lookup}) and its tasks' lines are left out.
 */
@QuarkusTest
@TestProfile(SlowAgentTest.OneReaderThread.class)
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(GatedMesosAgent.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowAgentTest {

    /** One reader thread, so both streams share it; every unknown task asks the agent again (TTL 0). */
    public static class OneReaderThread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("logs.reader-threads", "1", "logs.mesos.cache-ttl", "0s", "logs.mesos.timeout", "60s");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WEB = MesosAgentResource.TASKS[0];
    private static final String[] GHOST = MesosAgentResource.TASKS[3];

    @ConfigProperty(name = "logs.mesos.agent-url")
    String agentUrl;

    @Test
    void aStreamWaitingForTheAgentDoesNotStallAnotherStreamOnTheSameReaderThread() throws Exception {
        GatedMesosAgent.Control agent = new GatedMesosAgent.Control(agentUrl);
        String run = Fixture.newRun();
        Fixture.write(run, 0, 2);
        Fixture.write(run, 2, 3, "FRAMEWORK_ID", MesosAgentResource.FRAMEWORK, "EXECUTOR_ID", WEB[0], "CONTAINER_ID", WEB[1]);
        int before = agent.call("hold");
        try {
            String appCaller = TestTokens.token("web-dev", Permissions.appSandbox("/tenant-a/web"));
            CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> send(appCaller, run));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (agent.call("requests") == before) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the service never asked the agent");
                }
                Thread.sleep(20);
            }
            // The agent is holding its answer: a blocking lookup would hold the only reader thread now.
            HttpResponse<byte[]> other = send(Http.LOGS_TOKEN, run);
            assertEquals(200, other.statusCode());
            assertEquals(List.of("0", "1", "2", "3", "4"), seqs(other), "the system-logs stream is served meanwhile");
            assertFalse(waiting.isDone(), "the application caller's stream still waits for the agent");
            agent.call("release");
            HttpResponse<byte[]> answered = waiting.join();
            assertEquals(200, answered.statusCode());
            assertEquals(List.of("2", "3", "4"), seqs(answered), "exactly the lines of the caller's application");
        } finally {
            agent.call("release");
        }
    }

    @Test
    void anAgentThatFailsIsCountedAndItsTasksLinesAreLeftOut() throws Exception {
        GatedMesosAgent.Control agent = new GatedMesosAgent.Control(agentUrl);
        String run = Fixture.newRun();
        Fixture.write(run, 0, 2, "FRAMEWORK_ID", MesosAgentResource.FRAMEWORK, "EXECUTOR_ID", GHOST[0], "CONTAINER_ID", GHOST[1]);
        double failuresBefore = Metrics.errors("mesos_lookup");
        agent.call("fail");
        try {
            HttpResponse<byte[]> response = send(TestTokens.token("everyone", Permissions.appSandbox("/")), run);
            assertEquals(204, response.statusCode(), "an unresolvable task's lines are not served");
        } finally {
            agent.call("ok");
        }
        assertEquals(failuresBefore + 1, Metrics.errors("mesos_lookup"));
    }

    private static HttpResponse<byte[]> send(String token, String run) {
        try {
            return Http.bytes(Http.uri("/v1/range/?filter=TEST_RUN:" + run), "Authorization",
                    "token=" + token, "Accept", "application/json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> seqs(HttpResponse<byte[]> response) throws Exception {
        List<String> seqs = new ArrayList<>();
        for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                seqs.add(JSON.readTree(line).get("fields").get("SEQ").asText());
            }
        }
        return seqs;
    }
}
