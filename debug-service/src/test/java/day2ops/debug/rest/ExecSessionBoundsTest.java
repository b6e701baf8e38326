package day2ops.debug.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournal;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.exec.ChannelProtocol;
import day2ops.debug.testing.ExecClient;
import day2ops.debug.testing.NamespacedTaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounds of a session, end to end through the endpoint: the maximum duration, the stdin rate limit, and a
 * session whose recording cannot be opened (the audit record says so; the session still runs).
 */
@QuarkusTest
@TestProfile(ExecSessionBoundsTest.Bounded.class)
@WithTestResource(TestKeyResource.class)
@WithTestResource(NamespacedTaskResource.class)
@WithTestResource(AuditJournalResource.class)
class ExecSessionBoundsTest {

    static final int RATE = 4000;
    static final int BURST = 1000;

    public static class Bounded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("debug.exec.max-duration", "PT8S",
                    "debug.exec.idle-timeout", "PT5M",
                    "debug.exec.input-bytes-per-second", Integer.toString(RATE),
                    "debug.exec.input-burst-bytes", Integer.toString(BURST),
                    // Below a character device: the directory cannot be created, so no session can be recorded.
                    "debug.audit.recording-dir", "/dev/null/recordings");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private ExecClient open(String uid, boolean stdin, String... command) throws Exception {
        return ExecClient.open(ExecClient.uri(base.getPort(), NamespacedTaskResource.TASK, List.of(command), stdin, false),
                TestTokens.token(uid, Permissions.DEBUG, Permissions.appSandbox(NamespacedTaskResource.APP)), ChannelProtocol.V5);
    }

    @Test
    void aBusySessionEndsAtItsMaximumDurationWithTimeoutAndAnAuditRecord() throws Exception {
        String uid = "long-" + UUID.randomUUID().toString().substring(0, 8);
        try (ExecClient client = open(uid, false, "sh", "-c", "while :; do echo tick; sleep 0.5; done")) {
            client.awaitOutput(ChannelProtocol.STDOUT, "tick");
            JsonNode status = client.awaitStatus();
            assertEquals("Failure", status.path("status").asText());
            assertEquals("Timeout", status.path("reason").asText());
            assertEquals("session exceeded its maximum duration of PT8S", status.path("message").asText());
            assertEquals(1000, client.awaitClose());
            assertTrue(client.output(ChannelProtocol.STDOUT).split("\n").length > 1, "it was busy, not idle");
        }
        Map<String, String> end = AuditJournal.await(1, "DAY2OPS_UID=" + uid, "DAY2OPS_AUDIT_EVENT=exec-end").get(0);
        assertEquals("max-duration", end.get("DAY2OPS_END_REASON"));
    }

    @Test
    void stdinFasterThanTheRateLimitIsThrottledNeverDropped() throws Exception {
        String uid = "fast-" + UUID.randomUUID().toString().substring(0, 8);
        int total = 9 * BURST;
        byte[] chunk = new byte[BURST];
        Arrays.fill(chunk, (byte) 'x');
        long started;
        long finished;
        try (ExecClient client = open(uid, true, "wc", "-c")) {
            started = System.nanoTime();
            for (int sent = 0; sent < total; sent += chunk.length) {
                client.send(ChannelProtocol.STDIN, chunk);
            }
            client.closeStdin();
            assertEquals("Success", client.awaitStatus().path("status").asText());
            finished = System.nanoTime();
            assertEquals(Integer.toString(total), client.output(ChannelProtocol.STDOUT).strip(), "every byte arrived");
        }
        // A lower bound only (a loaded machine makes it slower, never faster): the bytes beyond the burst
        // cannot have passed in less than (total - burst) / rate seconds.
        long minimumMillis = TimeUnit.SECONDS.toMillis(total - BURST) / RATE;
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(finished - started);
        assertTrue(tookMillis >= minimumMillis, total + " bytes took " + tookMillis + " ms, the limit allows no less than " + minimumMillis);
        Map<String, String> end = AuditJournal.await(1, "DAY2OPS_UID=" + uid, "DAY2OPS_AUDIT_EVENT=exec-end").get(0);
        assertEquals(Integer.toString(total), end.get("DAY2OPS_BYTES_IN"));
    }

    @Test
    void aRecordingThatCannotBeOpenedIsNamedAsSuchInTheAuditRecords() throws Exception {
        String uid = "unrecorded-" + UUID.randomUUID().toString().substring(0, 8);
        try (ExecClient client = open(uid, false, "echo", "still runs")) {
            assertEquals("Success", client.awaitStatus().path("status").asText());
            assertEquals("still runs\n", client.output(ChannelProtocol.STDOUT));
        }
        List<Map<String, String>> records = AuditJournal.await(2, "DAY2OPS_UID=" + uid,
                "DAY2OPS_AUDIT_EVENT=exec-start", "DAY2OPS_AUDIT_EVENT=exec-end");
        for (Map<String, String> record : records) {
            assertFalse(record.containsKey("DAY2OPS_RECORDING"), "no recording is claimed: " + record);
            String error = record.get("DAY2OPS_RECORDING_ERROR");
            assertTrue(error != null && error.startsWith("cannot record to /dev/null/recordings/"), String.valueOf(error));
        }
    }
}
