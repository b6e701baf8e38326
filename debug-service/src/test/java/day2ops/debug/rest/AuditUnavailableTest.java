package day2ops.debug.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** With no journald behind {@code day2ops.audit.socket}: no unaudited session starts; requests are never failed by the audit. */
@QuarkusTest
@TestProfile(AuditUnavailableTest.NoJournald.class)
@WithTestResource(TestKeyResource.class)
@WithTestResource(NamespacedTaskResource.class)
class AuditUnavailableTest {

    public static class NoJournald implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("day2ops.audit.socket", "/run/day2ops-no-such-journald/socket",
                    "day2ops.audit.write-timeout", "PT5S");
        }
    }

    private static final Pattern JOURNAL_FAILED = Pattern.compile("day2ops_audit_dropped_total\\{reason=\"journal-failed\"} ([0-9.]+)");

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionLimits limits;

    @Test
    void anExecSessionIsRefusedWith503WhenItsStartCannotBeRecorded() {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> ExecClient.open(
                ExecClient.uri(base.getPort(), NamespacedTaskResource.TASK, List.of("true"), false, false),
                TestTokens.token("alice", Permissions.DEBUG, Permissions.appSandbox(NamespacedTaskResource.APP)), ChannelProtocol.V5));
        assertEquals(503, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        assertEquals(0, limits.active(), "the refused session gave its slot back");
    }

    @Test
    void accessRecordsThatCannotBeWrittenAreCountedAndTheRequestStillAnswered() throws Exception {
        double before = droppedJournalFailed();
        given().header("Authorization", "token=" + TestTokens.token("bob", Permissions.DEBUG)).get("/").then().statusCode(200);
        given().header("Authorization", "token=" + TestTokens.token("bob", Permissions.SYSTEM_LOGS)).get("/").then().statusCode(403);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (droppedJournalFailed() < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // allow (GET /), allow (@Authenticated) + deny (route permission): three records, none written.
        assertTrue(droppedJournalFailed() >= before + 3, "dropped: before " + before + ", now " + droppedJournalFailed());
    }

    private static double droppedJournalFailed() {
        Matcher m = JOURNAL_FAILED.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertTrue(m.find(), "day2ops_audit_dropped_total{reason=\"journal-failed\"} exposed");
        return Double.parseDouble(m.group(1));
    }
}
