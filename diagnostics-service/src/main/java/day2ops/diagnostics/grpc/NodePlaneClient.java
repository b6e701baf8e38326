package day2ops.diagnostics.grpc;

import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.v1.HealthRequest;
import day2ops.diagnostics.v1.NodeDiagnosticsGrpc;
import day2ops.diagnostics.v1.NodeHealthReply;
import day2ops.diagnostics.v1.UnitHealthReply;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls one node's node plane ({@code day2ops.diagnostics.v1.NodeDiagnostics}) with a service-account token
 * and a deadline per call. Errors are gRPC {@link io.grpc.StatusRuntimeException}s: {@code UNAUTHENTICATED},
 * {@code PERMISSION_DENIED}, {@code UNAVAILABLE} (node down, or its systemd), {@code DEADLINE_EXCEEDED}.
 */
public final class NodePlaneClient implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final NodeDiagnosticsGrpc.NodeDiagnosticsBlockingStub stub;
    private final Duration deadline;

    /** Plain-text HTTP/2 to {@code host:port}; {@code token} is the service account's JWT (none: {@code null}). */
    public NodePlaneClient(String host, int port, String token, Duration deadline) {
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        NodeDiagnosticsGrpc.NodeDiagnosticsBlockingStub base = NodeDiagnosticsGrpc.newBlockingStub(channel);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "token=" + token);
            base = base.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        this.stub = base;
        this.deadline = deadline;
    }

    /** The node's unit health. */
    public NodeHealth health() {
        NodeHealthReply reply = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .health(HealthRequest.getDefaultInstance());
        List<UnitHealth> units = new ArrayList<>(reply.getUnitsCount());
        for (UnitHealthReply unit : reply.getUnitsList()) {
            units.add(new UnitHealth(unit.getId(), unit.getHealth(), unit.getOutput(), unit.getDescription(), unit.getHelp(),
                    unit.getName()));
        }
        return new NodeHealth(units, reply.getHostname(), reply.getIp(), reply.getDcosVersion(), reply.getNodeRole(),
                reply.getMesosId(), reply.getDcosDiagnosticsVersion());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
