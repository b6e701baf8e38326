package day2ops.metrics.rest;

import day2ops.common.auth.Permissions;
import day2ops.metrics.collector.NodeSnapshot;
import day2ops.metrics.service.NodeIdentity;
import day2ops.metrics.service.NodeMetricsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code GET /v0/node}: the latest node collection round as a MetricsMessage; 204 before the first. */
@Path("/v0/node")
@RolesAllowed(Permissions.SYSTEM_METRICS)
public class NodeResource {

    private final NodeMetricsService node;
    private final NodeIdentity identity;

    public NodeResource(NodeMetricsService node, NodeIdentity identity) {
        this.node = node;
        this.identity = identity;
    }

    @GET
    @Produces(V0Format.JSON_UTF8)
    public Response node() {
        Optional<NodeSnapshot> latest = node.latest();
        if (latest.isEmpty() || latest.get().metrics().isEmpty()) {
            return Response.noContent().build();
        }
        NodeSnapshot snapshot = latest.get();
        return Response.ok(new MetricsMessage(V0Format.datapoints(snapshot.metrics(), snapshot.timestamp()),
                Dimensions.node(identity.mesosId(), identity.clusterId(), identity.hostname())))
                .type(V0Format.JSON_UTF8).build();
    }
}
