package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.diagnostics.cluster.ClusterNode;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBundleRequestTest {

    private static final List<ClusterNode> CLUSTER = List.of(
            new ClusterNode("10.0.0.1", "master", "10.0.0.1", 8103),
            new ClusterNode("10.0.0.7", "agent", "10.0.0.7", 8103),
            new ClusterNode("10.0.0.8", "agent_public", "10.0.0.8", 8103));

    private static List<String> ips(String body) {
        return ClusterBundleRequest.parse(body).select(CLUSTER).stream().map(ClusterNode::ip).toList();
    }

    @Test
    void rolesSelectMastersAndAgentsIncludingPublicOnes() {
        assertEquals(List.of("10.0.0.1", "10.0.0.7", "10.0.0.8"), ips("{\"masters\":true,\"agents\":true}"));
        assertEquals(List.of("10.0.0.1"), ips("{\"masters\":true}"));
        assertEquals(List.of("10.0.0.7", "10.0.0.8"), ips("{\"agents\":true,\"masters\":false}"));
        assertEquals(List.of("10.0.0.1", "10.0.0.7", "10.0.0.8"), ips(""), "an empty body means every node");
    }

    @Test
    void anExplicitListSelectsThoseNodesInClusterOrder() {
        assertEquals(List.of("10.0.0.1", "10.0.0.8"), ips("{\"nodes\":[\"10.0.0.8\",\"10.0.0.1\"]}"));
    }

    @Test
    void unknownNodesAreNamed() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ips("{\"nodes\":[\"10.0.0.1\",\"10.9.9.9\"]}"));
        assertEquals("not nodes of this cluster: 10.9.9.9", e.getMessage());
    }

    @Test
    void bothKindsOfSelectionAtOnceAreRejected() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ClusterBundleRequest.parse("{\"masters\":true,\"nodes\":[\"10.0.0.1\"]}"));
        assertEquals("give either \"nodes\" or \"masters\"/\"agents\", not both", e.getMessage());
    }
}
