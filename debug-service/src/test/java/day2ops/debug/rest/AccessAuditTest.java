package day2ops.debug.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournal;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.testing.NamespacedTaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every allow/deny decision on the REST API is an {@code access} record in journald (a real one, read back
 * with journalctl): Quarkus' security checks ({@code @RolesAllowed}, {@code @Authenticated}) through their
 * events, the service's own checks through {@code AccessDeniedException}, failed tokens through both.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(NamespacedTaskResource.class)
@WithTestResource(AuditJournalResource.class)
class AccessAuditTest {

    private static String uid(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRequestThatPassesItsSecurityCheckIsRecordedAsAnAllow() throws Exception {
        String uid = uid("reader");
        given().header("Authorization", "token=" + TestTokens.token(uid, Permissions.DEBUG))
                .header("X-Forwarded-For", "10.0.0.7")
                .get("/").then().statusCode(200);
        List<Map<String, String>> records = AuditJournal.await(1, "-t", "day2ops-audit-test", "DAY2OPS_UID=" + uid);
        assertEquals(1, records.size(), "one decision, one record: " + records);
        Map<String, String> allow = records.get(0);
        assertEquals("access", allow.get("DAY2OPS_AUDIT_EVENT"));
        assertEquals("allow", allow.get("DAY2OPS_DECISION"));
        assertEquals("debug", allow.get("DAY2OPS_SERVICE"));
        assertEquals("GET", allow.get("DAY2OPS_METHOD"));
        assertEquals("/", allow.get("DAY2OPS_PATH"));
        assertEquals("authenticated", allow.get("DAY2OPS_PERMISSION"), "GET / is @Authenticated");
        assertEquals("127.0.0.1", allow.get("DAY2OPS_REMOTE"));
        assertEquals("10.0.0.7", allow.get("DAY2OPS_FORWARDED_FOR"));
        assertFalse(allow.containsKey("DAY2OPS_REASON"));
    }

    @Test
    void aRolesAllowedRefusalIsRecordedOnceWithThePermissionItRequires() throws Exception {
        String uid = uid("outsider");
        given().header("Authorization", "token=" + TestTokens.token(uid, Permissions.SYSTEM_LOGS))
                .get("/v1/deployments/team/app/offers").then().statusCode(403);
        Map<String, String> deny = AuditJournal.await(1, "DAY2OPS_UID=" + uid, "DAY2OPS_DECISION=deny").get(0);
        assertEquals(Permissions.DEBUG, deny.get("DAY2OPS_PERMISSION"));
        assertEquals("the token does not carry " + Permissions.DEBUG, deny.get("DAY2OPS_REASON"));
        assertEquals("/v1/deployments/team/app/offers", deny.get("DAY2OPS_PATH"));
        Thread.sleep(500); // a second (duplicate) record would be written right behind the first
        assertEquals(1, AuditJournal.query("DAY2OPS_UID=" + uid).size(), "the mapper does not record it again");
    }

    @Test
    void aServicesOwnRefusalIsRecordedAfterTheRouteCheckAllowed() throws Exception {
        String uid = uid("other-team");
        given().header("Authorization", "token=" + TestTokens.token(uid, Permissions.DEBUG, Permissions.appSandbox("/other")))
                .get("/v1/deployments/team/app/offers").then().statusCode(403);
        List<Map<String, String>> records = AuditJournal.await(2, "DAY2OPS_UID=" + uid);
        assertEquals(List.of("allow", "deny"), records.stream().map(r -> r.get("DAY2OPS_DECISION")).toList());
        assertEquals(Permissions.DEBUG, records.get(0).get("DAY2OPS_PERMISSION"));
        assertEquals(Permissions.appSandbox("/team/app"), records.get(1).get("DAY2OPS_PERMISSION"));
        assertEquals("debugging the deployment of /team/app requires the permission " + Permissions.appSandbox("/team/app"),
                records.get(1).get("DAY2OPS_REASON"));
    }

    @Test
    void anInvalidTokenIsRecordedAsAnAnonymousDenial() throws Exception {
        String marker = "192.0.2." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID().toString().substring(0, 6);
        given().header("Authorization", "token=" + TestTokens.expired("mallory", Permissions.SUPERUSER))
                .header("X-Forwarded-For", marker)
                .get("/").then().statusCode(401);
        List<Map<String, String>> records = AuditJournal.await(1, "DAY2OPS_FORWARDED_FOR=" + marker);
        assertEquals(1, records.size(), records.toString());
        Map<String, String> deny = records.get(0);
        assertEquals("deny", deny.get("DAY2OPS_DECISION"));
        assertEquals("anonymous", deny.get("DAY2OPS_UID"));
        assertEquals("authenticated", deny.get("DAY2OPS_PERMISSION"));
        // The reason carries the verification failure: the security event (not only the 401 mapper) recorded it.
        assertTrue(deny.get("DAY2OPS_REASON").startsWith("invalid authentication token: "), deny.get("DAY2OPS_REASON"));
    }

    @Test
    void droppedRecordsAreCountedInTheMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("day2ops_audit_dropped_total{reason=\"queue-full\"} 0.0"))
                .body(org.hamcrest.Matchers.containsString("day2ops_audit_dropped_total{reason=\"journal-failed\"} 0.0"));
    }
}
