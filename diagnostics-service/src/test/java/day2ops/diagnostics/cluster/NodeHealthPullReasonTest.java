package day2ops.diagnostics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reason a node's health is unknown, as the cluster endpoints show it. */
class NodeHealthPullReasonTest {

    @Test
    void refusedTokenPointsAtTheServiceAccountTokenFile() {
        assertEquals("the node refused the service account token (PERMISSION_DENIED: denied); "
                        + "check diagnostics.cluster.service-account-token-file",
                ClusterHealthMonitor.reason(Status.PERMISSION_DENIED.withDescription("denied"), Duration.ofSeconds(3)));
    }

    @Test
    void deadlineNamesTheTimeout() {
        assertEquals("no answer within 3000ms (DEADLINE_EXCEEDED)",
                ClusterHealthMonitor.reason(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 2.9s"),
                        Duration.ofSeconds(3)));
    }

    @Test
    void unreachableNodeKeepsTheCodeDescriptionAndCause() {
        assertEquals("UNAVAILABLE: io exception: Connection refused: /127.0.0.9:1",
                ClusterHealthMonitor.reason(Status.UNAVAILABLE.withDescription("io exception")
                        .withCause(new ConnectException("Connection refused: /127.0.0.9:1")), Duration.ofSeconds(3)));
    }
}
