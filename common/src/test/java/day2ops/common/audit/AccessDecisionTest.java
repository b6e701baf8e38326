package day2ops.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessDecisionTest {

    @Test
    void aDenialRecordsEveryFieldInOrderAndAMessageForPeople() {
        AuditRecord record = new AccessDecision(false, "bob", "POST", "/v1/x", "dcos:adminrouter:ops:debug",
                Optional.of("the token does not carry dcos:adminrouter:ops:debug"), "127.0.0.1", Optional.of("10.1.2.3"),
                java.util.Map.of("TASK_ID", "t1", "STATUS", "403", "UID", "not-overridden")).toRecord();
        assertEquals("access", record.event());
        assertEquals(List.of("DECISION", "UID", "METHOD", "PATH", "PERMISSION", "REASON", "REMOTE", "FORWARDED_FOR", "STATUS", "TASK_ID"),
                List.copyOf(record.fields().keySet()));
        assertEquals("deny", record.fields().get("DECISION"));
        assertEquals("bob", record.fields().get("UID"), "a service's details never replace the decision's own fields");
        assertEquals("deny bob POST /v1/x (dcos:adminrouter:ops:debug): the token does not carry dcos:adminrouter:ops:debug",
                record.message());
    }

    @Test
    void theVerificationFailureIsShortenedToItsInnermostCause() {
        var failure = new AuthenticationFailedException(new IllegalStateException("wrapper", new RuntimeException("The JWT is no longer valid")));
        assertEquals(": The JWT is no longer valid", SecurityEventAuditor.detail(failure));
        assertEquals("", SecurityEventAuditor.detail(new AuthenticationFailedException()));
        assertEquals(": " + "x".repeat(200) + "…", SecurityEventAuditor.detail(new RuntimeException("x".repeat(300))));
    }

    @RolesAllowed("dcos:adminrouter:ops:system-metrics")
    static class Secured {

        public void classLevel(String a, int b) {
        }

        @RolesAllowed("dcos:adminrouter:system:agent")
        public void methodLevel() {
        }
    }

    static class OnlyAuthenticated {

        @Authenticated
        public void any() {
        }

        public void none() {
        }
    }

    @Test
    void theRequiredPermissionComesFromRolesAllowedOnTheMethodElseTheClass() {
        RequiredPermissions permissions = new RequiredPermissions();
        assertEquals("dcos:adminrouter:system:agent", permissions.of(Secured.class.getName() + "#methodLevel"));
        assertEquals("dcos:adminrouter:ops:system-metrics", permissions.of(Secured.class.getName() + "#classLevel"));
        assertEquals("authenticated", permissions.of(OnlyAuthenticated.class.getName() + "#any"));
        assertEquals("unknown", permissions.of(OnlyAuthenticated.class.getName() + "#none"));
        assertEquals("unknown", permissions.of("no.such.Type#x"));
        assertEquals("unknown", permissions.of("no-method-named"));
    }
}
