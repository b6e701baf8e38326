package day2ops.diagnostics.grpc;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.bundle.BundleBuilders;
import day2ops.diagnostics.bundle.NodeBundleEngine;
import day2ops.diagnostics.bundle.NodePartPublisher;
import day2ops.diagnostics.checks.ChecksReport;
import day2ops.diagnostics.checks.ChecksService;
import day2ops.diagnostics.systemd.SystemdUnavailableException;
import day2ops.diagnostics.unit.NodeHealthService;
import day2ops.diagnostics.v1.BuildNodeBundleRequest;
import day2ops.diagnostics.v1.CheckOutcome;
import day2ops.diagnostics.v1.ChecksReply;
import day2ops.diagnostics.v1.HealthRequest;
import day2ops.diagnostics.v1.NodeDiagnostics;
import day2ops.diagnostics.v1.NodeBundlePart;
import day2ops.diagnostics.v1.NodeHealthReply;
import day2ops.diagnostics.v1.RunChecksRequest;
import day2ops.diagnostics.v1.UnitHealthReply;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import java.io.UncheckedIOException;

/** The node plane's server side: what a master asks this node. Delegates to the same services as REST. */
@GrpcService
@RolesAllowed(Permissions.SYSTEM_HEALTH)
public class NodeDiagnosticsGrpcService implements NodeDiagnostics {

    private final NodeHealthService health;
    private final ChecksService checks;
    private final NodeBundleEngine bundleEngine;
    private final BundleBuilders bundleBuilders;

    public NodeDiagnosticsGrpcService(NodeHealthService health, ChecksService checks, NodeBundleEngine bundleEngine,
            BundleBuilders bundleBuilders) {
        this.health = health;
        this.checks = checks;
        this.bundleEngine = bundleEngine;
        this.bundleBuilders = bundleBuilders;
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

    @Override
    @Blocking
    public Uni<ChecksReply> runChecks(RunChecksRequest request) {
        try {
            return Uni.createFrom().item(toReply(checks.run(ChecksService.Kind.NODE, request.getCheckList())));
        } catch (NotFoundException e) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // The checks config cannot be read or parsed; the message names the file or the offending entry.
            return Uni.createFrom().failure(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    static ChecksReply toReply(ChecksReport report) {
        ChecksReply.Builder reply = ChecksReply.newBuilder().setStatus(report.status());
        report.checks().forEach((name, result) -> reply.putChecks(name,
                CheckOutcome.newBuilder().setOutput(result.output()).setStatus(result.status()).build()));
        return reply.build();
    }

    /** Streams this node's bundle part as it is collected, on a bundle builder thread, at the caller's pace. */
    @Override
    public Multi<NodeBundlePart> buildNodeBundle(BuildNodeBundleRequest request) {
        return Multi.createFrom().publisher(new NodePartPublisher(request.getBundleId(), bundleEngine, bundleBuilders));
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
