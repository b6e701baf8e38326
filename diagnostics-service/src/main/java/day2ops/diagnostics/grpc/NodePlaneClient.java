package day2ops.diagnostics.grpc;

import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.checks.CheckResult;
import day2ops.diagnostics.checks.ChecksReport;
import day2ops.diagnostics.v1.ChecksReply;
import day2ops.diagnostics.v1.HealthRequest;
import day2ops.diagnostics.v1.NodeDiagnosticsGrpc;
import day2ops.diagnostics.v1.NodeHealthReply;
import day2ops.diagnostics.v1.RunChecksRequest;
import day2ops.diagnostics.v1.UnitHealthReply;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls one node's node plane ({@code day2ops.diagnostics.v1.NodeDiagnostics}) with a service-account token
 * and a deadline per call. Errors are gRPC {@link io.grpc.StatusRuntimeException}s: {@code UNAUTHENTICATED},
 * {@code PERMISSION_DENIED}, {@code UNAVAILABLE} (node down, or its systemd), {@code DEADLINE_EXCEEDED}.
 */
public final class NodePlaneClient implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final Channel authenticated;
    private final NodeDiagnosticsGrpc.NodeDiagnosticsBlockingStub stub;
    private final Duration deadline;

    /** Plain-text HTTP/2 to {@code host:port}; {@code token} is the service account's JWT (none: {@code null}). */
    public NodePlaneClient(String host, int port, String token, Duration deadline) {
        this(host, port, () -> token, deadline);
    }

    /**
     * Plain-text HTTP/2 to {@code host:port}; {@code token} is asked for the service account's JWT on every
     * call, so a rotated token applies at once ({@code null}: the call carries none).
     */
    public NodePlaneClient(String host, int port, Supplier<String> token, Duration deadline) {
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.authenticated = ClientInterceptors.intercept(channel, new TokenInterceptor(token));
        this.stub = NodeDiagnosticsGrpc.newBlockingStub(authenticated);
        this.deadline = deadline;
    }

    /**
     * The authenticated channel, for stubs of calls this wrapper does not cover (e.g. streaming ones), after
     * {@link #tryAfreshIfFailed()}.
     */
    public Channel channel() {
        tryAfreshIfFailed();
        return authenticated;
    }

    /**
     * When the last connection attempt failed, makes a new one now and waits (at most the deadline) for its
     * outcome. gRPC would otherwise sit out its reconnect backoff (up to two minutes), failing every call at
     * once meanwhile: a node that came back, or had not finished starting at the first call, would be reported
     * unknown long after it answers again. A node that is still down fails the next call with a fresh reason.
     */
    public void tryAfreshIfFailed() {
        if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return;
        }
        channel.resetConnectBackoff();
        long until = System.nanoTime() + deadline.toNanos();
        ConnectivityState state = ConnectivityState.TRANSIENT_FAILURE;
        boolean attempted = false;
        while (System.nanoTime() < until) {
            state = channel.getState(true);
            if (state == ConnectivityState.READY || state == ConnectivityState.SHUTDOWN
                    || (attempted && state == ConnectivityState.TRANSIENT_FAILURE)) {
                return;
            }
            attempted |= state == ConnectivityState.CONNECTING || state == ConnectivityState.IDLE;
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The deadline of calls that answer at once. */
    public Duration deadline() {
        return deadline;
    }

    /** The node's unit health. */
    public NodeHealth health() {
        tryAfreshIfFailed();
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

    /**
     * Runs the node's node checks (all of its role when {@code names} is empty); {@code NOT_FOUND} names unknown
     * checks, {@code FAILED_PRECONDITION} a checks config the node cannot read.
     */
    public ChecksReport runChecks(List<String> names) {
        tryAfreshIfFailed();
        ChecksReply reply = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .runChecks(RunChecksRequest.newBuilder().addAllCheck(names).build());
        Map<String, CheckResult> checks = new LinkedHashMap<>();
        new TreeMap<>(reply.getChecksMap()).forEach((name, outcome) ->
                checks.put(name, new CheckResult(outcome.getOutput(), outcome.getStatus())));
        return new ChecksReport(reply.getStatus(), checks);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Adds {@code authorization: token=<jwt>} to every call, asking for the token each time. */
    private static final class TokenInterceptor implements ClientInterceptor {

        private final Supplier<String> token;

        TokenInterceptor(Supplier<String> token) {
            this.token = token;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    String jwt = token.get();
                    if (jwt != null) {
                        headers.put(AUTHORIZATION, "token=" + jwt);
                    }
                    super.start(listener, headers);
                }
            };
        }
    }
}
