package day2ops.diagnostics.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournal;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Node-plane calls are access decisions too: each is an {@code access} record in (a real, isolated) journald. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(AuditJournalResource.class)
class NodePlaneAuditTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aCallWithoutThePermissionIsRecordedAsADeny() throws Exception {
        String uid = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        try (NodePlaneClient node = new NodePlaneClient(root.getHost(), root.getPort(),
                TestTokens.token(uid, Permissions.SYSTEM_LOGS), Duration.ofSeconds(30))) {
            assertThrows(StatusRuntimeException.class, () -> node.runChecks(List.of()));
        }
        Map<String, String> deny = AuditJournal.await(1, "DAY2OPS_UID=" + uid).get(0);
        assertEquals("deny", deny.get("DAY2OPS_DECISION"));
        assertEquals("diagnostics", deny.get("DAY2OPS_SERVICE"));
        assertEquals(Permissions.SYSTEM_HEALTH, deny.get("DAY2OPS_PERMISSION"));
        assertEquals("RPC", deny.get("DAY2OPS_METHOD"));
        assertEquals("NodeDiagnosticsGrpcService#runChecks", deny.get("DAY2OPS_PATH"));
    }

    @Test
    void aPermittedCallIsRecordedAsAnAllow() throws Exception {
        String uid = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        try (NodePlaneClient node = new NodePlaneClient(root.getHost(), root.getPort(),
                TestTokens.token(uid, Permissions.SYSTEM_HEALTH), Duration.ofSeconds(30))) {
            node.runChecks(List.of("disk_ok"));
        }
        Map<String, String> allow = AuditJournal.await(1, "DAY2OPS_UID=" + uid).get(0);
        assertEquals("allow", allow.get("DAY2OPS_DECISION"));
        assertEquals(Permissions.SYSTEM_HEALTH, allow.get("DAY2OPS_PERMISSION"));
    }
}
