package day2ops.debug.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.exec.ChannelProtocol;
import day2ops.debug.exec.SessionLimits;
import day2ops.debug.testing.ExecClient;
import day2ops.debug.testing.NamespacedTaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session limits per user and per node, and the idle timeout, on a node configured tight. */
@QuarkusTest
@TestProfile(ExecLimitsTest.TightLimits.class)
@WithTestResource(TestKeyResource.class)
@WithTestResource(NamespacedTaskResource.class)
// Exec sessions are refused unless their start is audited: the test brings its own journald.
@WithTestResource(AuditJournalResource.class)
class ExecLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("debug.exec.max-sessions-per-user", "2",
                    "debug.exec.max-sessions-per-node", "3",
                    "debug.exec.idle-timeout", "PT3S");
        }
    }

    /** Prints a line every half second, so the idle timeout never ends it. */
    private static final List<String> BUSY = List.of("sh", "-c", "while :; do echo tick; sleep 0.5; done");

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionLimits limits;

    private final List<ExecClient> open = new ArrayList<>();

    private ExecClient busySession(String uid) throws Exception {
        ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), NamespacedTaskResource.TASK, BUSY, false, false),
                token(uid), ChannelProtocol.V5);
        open.add(client);
        client.awaitOutput(ChannelProtocol.STDOUT, "tick");
        return client;
    }

    private static String token(String uid) {
        return TestTokens.token(uid, Permissions.DEBUG, Permissions.appSandbox(NamespacedTaskResource.APP));
    }

    private int refusedStatus(String uid) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> ExecClient.open(
                ExecClient.uri(base.getPort(), NamespacedTaskResource.TASK, BUSY, false, false), token(uid), ChannelProtocol.V5));
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    @AfterEach
    void closeSessions() throws Exception {
        for (ExecClient client : open) {
            client.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (limits.active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, limits.active(), "every session ended and gave its slot back");
    }

    @Test
    void perUserLimitRefusesTheThirdSessionWith429() throws Exception {
        busySession("carol");
        busySession("carol");
        assertEquals(429, refusedStatus("carol"));
        busySession("dave");
    }

    @Test
    void perNodeLimitRefusesBeyondItsMaximumWith429() throws Exception {
        busySession("erin");
        busySession("frank");
        busySession("grace");
        assertEquals(429, refusedStatus("heidi"));
    }

    @Test
    void closingASessionGivesItsSlotBack() throws Exception {
        busySession("ivan");
        ExecClient second = busySession("ivan");
        second.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (limits.active() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        busySession("ivan");
    }

    @Test
    void idleSessionEndsWithTimeoutStatus() throws Exception {
        ExecClient idle = ExecClient.open(ExecClient.uri(base.getPort(), NamespacedTaskResource.TASK, List.of("cat"), true, false),
                token("judy"), ChannelProtocol.V5);
        open.add(idle);
        JsonNode status = idle.awaitStatus();
        assertEquals("Failure", status.path("status").asText());
        assertEquals("Timeout", status.path("reason").asText());
        assertEquals(1000, idle.awaitClose());
    }
}
