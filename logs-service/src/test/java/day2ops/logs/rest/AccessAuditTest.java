package day2ops.logs.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournal;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.testing.JournaldResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streaming routes decide access themselves ({@link RouteAuth}); each decision is an {@code access} record
 * in journald (a real, isolated one, read back with journalctl), like the REST resources' decisions.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(AuditJournalResource.class)
class AccessAuditTest {

    private static String uid(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aReadOfTheJournalIsRecordedAsAnAllowOfTheRoutePermission() throws Exception {
        String uid = uid("reader");
        given().header("Authorization", "token=" + TestTokens.token(uid, Permissions.SYSTEM_LOGS))
                .header("Accept", "application/json")
                .get("/entries?TEST_RUN=" + UUID.randomUUID()).then().statusCode(200);
        List<Map<String, String>> records = AuditJournal.await(1, "DAY2OPS_UID=" + uid);
        Map<String, String> allow = records.get(0);
        assertEquals("access", allow.get("DAY2OPS_AUDIT_EVENT"));
        assertEquals("allow", allow.get("DAY2OPS_DECISION"));
        assertEquals("logs", allow.get("DAY2OPS_SERVICE"));
        assertEquals("GET", allow.get("DAY2OPS_METHOD"));
        assertEquals("/entries", allow.get("DAY2OPS_PATH"));
        assertEquals(Permissions.SYSTEM_LOGS, allow.get("DAY2OPS_PERMISSION"));
    }

    @Test
    void aCallerWithoutTheRoutePermissionIsRecordedAsADenyWithTheReason() throws Exception {
        String uid = uid("outsider");
        given().header("Authorization", "token=" + TestTokens.token(uid, Permissions.SYSTEM_METRICS))
                .get("/v2/component").then().statusCode(403);
        Map<String, String> deny = AuditJournal.await(1, "DAY2OPS_UID=" + uid).get(0);
        assertEquals("deny", deny.get("DAY2OPS_DECISION"));
        assertEquals(Permissions.SYSTEM_LOGS, deny.get("DAY2OPS_PERMISSION"));
        assertEquals(RouteAuth.FORBIDDEN, deny.get("DAY2OPS_REASON"));
        assertEquals("/v2/component", deny.get("DAY2OPS_PATH"));
    }

    @Test
    void anInvalidTokenIsRecordedAsAnAnonymousDeny() throws Exception {
        // The caller has no uid to find its record by: a forwarded-for address of its own marks it.
        String marker = "10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        given().header("Authorization", "token=" + TestTokens.expired("late", Permissions.SYSTEM_LOGS))
                .header("X-Forwarded-For", marker)
                .get("/entries").then().statusCode(401);
        List<Map<String, String>> denials = AuditJournal.await(1, "DAY2OPS_FORWARDED_FOR=" + marker);
        assertEquals(1, denials.size(), "one refusal, one record: " + denials);
        Map<String, String> deny = denials.get(0);
        assertEquals("deny", deny.get("DAY2OPS_DECISION"));
        assertEquals("anonymous", deny.get("DAY2OPS_UID"));
        assertEquals("/entries", deny.get("DAY2OPS_PATH"));
        assertEquals("authenticated", deny.get("DAY2OPS_PERMISSION"));
        assertEquals("logs", deny.get("DAY2OPS_SERVICE"));
    }
}
