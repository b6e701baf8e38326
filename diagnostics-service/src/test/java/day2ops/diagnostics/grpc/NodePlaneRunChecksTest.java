package day2ops.diagnostics.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.diagnostics.checks.ChecksReport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code RunChecks} over the node plane, on the checks fixture ({@code checks/checks.json}; this node is an agent). */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
class NodePlaneRunChecksTest {

    @TestHTTPResource("/")
    URL root;

    private NodePlaneClient client(String token) {
        return new NodePlaneClient(root.getHost(), root.getPort(), token, Duration.ofSeconds(30));
    }

    private NodePlaneClient serviceAccount() {
        return client(TestTokens.token("svc-diagnostics", Permissions.SYSTEM_HEALTH));
    }

    @Test
    void runsEveryNodeCheckOfThisNodesRoleWithTheWorstStatus() throws Exception {
        try (NodePlaneClient node = serviceAccount()) {
            ChecksReport report = node.runChecks(List.of());
            assertEquals(1, report.status());
            assertEquals(List.of("clock_warning", "disk_ok", "env_seen"), List.copyOf(report.checks().keySet()));
            assertEquals("fine\n", report.checks().get("disk_ok").output());
            assertEquals(1, report.checks().get("clock_warning").status());
            assertEquals("zone=eu-1\n", report.checks().get("env_seen").output());
        }
    }

    @Test
    void runsOnlyTheNamedChecks() throws Exception {
        try (NodePlaneClient node = serviceAccount()) {
            ChecksReport report = node.runChecks(List.of("disk_ok"));
            assertEquals(0, report.status());
            assertEquals(List.of("disk_ok"), List.copyOf(report.checks().keySet()));
        }
    }

    @Test
    void unknownChecksAreNotFoundNamingEveryOne() throws Exception {
        try (NodePlaneClient node = serviceAccount()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> node.runChecks(List.of("disk_ok", "nope", "master_only")));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertEquals("unknown node checks: nope, master_only", e.getStatus().getDescription());
        }
    }

    @Test
    void refusesATokenWithoutTheHealthPermission() throws Exception {
        try (NodePlaneClient node = client(TestTokens.token("svc-logs", Permissions.SYSTEM_LOGS))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> node.runChecks(List.of()));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        }
        try (NodePlaneClient node = client(TestTokens.signedByUnknownKey("svc", Permissions.SYSTEM_HEALTH))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> node.runChecks(List.of()));
            assertTrue(List.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED).contains(e.getStatus().getCode()),
                    e.toString());
        }
    }
}
