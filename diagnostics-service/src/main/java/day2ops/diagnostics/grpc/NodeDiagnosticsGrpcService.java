package day2ops.diagnostics.grpc;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.systemd.SystemdUnavailableException;
import day2ops.diagnostics.unit.NodeHealthService;
import day2ops.diagnostics.v1.HealthRequest;
import day2ops.diagnostics.v1.NodeDiagnostics;
import day2ops.diagnostics.v1.NodeHealthReply;
import day2ops.diagnostics.v1.UnitHealthReply;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** The node plane's server side: what a master asks this node. Delegates to the same services as REST. */
@GrpcService
@RolesAllowed(Permissions.SYSTEM_HEALTH)
public class NodeDiagnosticsGrpcService implements NodeDiagnostics {

    private final NodeHealthService health;

    public NodeDiagnosticsGrpcService(NodeHealthService health) {
        this.health = health;
    }

    @Override
    @Blocking
    public Uni<NodeHealthReply> health(HealthRequest request) {
        try {
            return Uni.createFrom().item(toReply(health.health()));
        } catch (SystemdUnavailableException e) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    static NodeHealthReply toReply(NodeHealth node) {
        NodeHealthReply.Builder reply = NodeHealthReply.newBuilder()
                .setHostname(node.hostname())
                .setIp(node.ip())
                .setDcosVersion(node.dcosVersion())
                .setNodeRole(node.nodeRole())
                .setMesosId(node.mesosId())
                .setDcosDiagnosticsVersion(node.diagnosticsVersion());
        for (UnitHealth unit : node.units()) {
            reply.addUnits(UnitHealthReply.newBuilder()
                    .setId(unit.id())
                    .setHealth(unit.health())
                    .setOutput(unit.output())
                    .setDescription(unit.description())
                    .setHelp(unit.help())
                    .setName(unit.name()));
        }
        return reply.build();
    }
}
