package day2ops.diagnostics.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import day2ops.diagnostics.cluster.ClusterDirectory;
import day2ops.diagnostics.cluster.ClusterNode;
import day2ops.diagnostics.cluster.NodePlaneClients;
import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.diagnostics.v1.BuildNodeBundleRequest;
import day2ops.diagnostics.v1.NodeBundlePart;
import day2ops.diagnostics.v1.NodeDiagnosticsGrpc;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ServiceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Cluster bundles ({@code /system/health/v1/diagnostics}): every selected node is asked over the node plane
 * ({@code BuildNodeBundle}) for its part, with bounded concurrency and a time limit per node, and the parts are
 * written into one zip under {@code <ip>_<role>/} as they stream in (see {@link ClusterZip} for the turn
 * taking). A node that fails or runs out of time is marked Failed in {@code report.json}; the bundle completes.
 */
@ApplicationScoped
public class ClusterBundleService extends BundleLifecycle<ClusterBundleService.Running> {

    private static final Logger LOG = Logger.getLogger(ClusterBundleService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ClusterDirectory directory;
    private final NodePlaneClients clients;
    private final int nodeConcurrency;
    private final Duration nodeTimeout;
    private final ThreadPoolExecutor coordinators;

    public ClusterBundleService(DiagnosticsConfig config, ClusterDirectory directory, NodePlaneClients clients) {
        super(config, "cluster", "nodes done", LOG);
        this.directory = directory;
        this.clients = clients;
        this.nodeConcurrency = Math.max(1, config.bundles().nodeConcurrency());
        this.nodeTimeout = config.bundles().nodeTimeout();
        AtomicInteger counter = new AtomicInteger();
        int parallel = Math.max(1, config.bundles().parallelism());
        this.coordinators = new ThreadPoolExecutor(parallel, parallel, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.bundles().queueLimit())), r -> {
                    Thread t = new Thread(r, "cluster-bundle-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    void failInterruptedOnStart(@Observes StartupEvent startup) {
        failInterrupted();
    }

    /** A cluster bundle being built; canceling it cancels its calls to the nodes. */
    static final class Running extends BundleLifecycle.Run {
        final Set<Context.CancellableContext> calls = ConcurrentHashMap.newKeySet();

        Running(BundleState state) {
            super(state);
        }

        @Override
        void cancel() {
            canceled = true;
            calls.forEach(call -> call.cancel(null));
        }
    }

    /** How one node's part went. */
    record NodeOutcome(String role, String status, String error, List<String> errors, int entries, long bytes) {
    }

    /**
     * Starts bundle {@code id} over the selected nodes: 400 bad id or body, 409 exists, 507 no room, 503 busy or the
     * node list unavailable (Mesos master unreachable).
     */
    public BundleState create(String id, ClusterBundleRequest request) {
        BundleIds.validate(id);
        List<ClusterNode> cluster;
        try {
            cluster = directory.nodes();
        } catch (ClusterDirectory.ClusterDirectoryException e) {
            throw new ServiceUnavailableException("the cluster's node list cannot be had: " + e.getMessage());
        }
        List<ClusterNode> nodes = request.select(cluster);
        long room = roomForNewBundle();
        Running run = start(id, BundleState.CLUSTER, nodes.size(), Running::new);
        BundleState state = run.state;
        try {
            coordinators.submit(() -> build(run, nodes, room));
        } catch (RejectedExecutionException e) {
            String reason = "too many cluster bundles are being built; try again later";
            notBuilt(run, reason);
            throw new ServiceUnavailableException(reason);
        }
        return state;
    }

    private void build(Running run, List<ClusterNode> nodes, long room) {
        String id = run.state.id();
        List<String> errors = new ArrayList<>();
        BundleStatus outcome;
        long size = 0;
        ExecutorService fetchers = Executors.newFixedThreadPool(Math.min(nodeConcurrency, Math.max(1, nodes.size())), r -> {
            Thread t = new Thread(r, "cluster-bundle-" + id + "-node");
            t.setDaemon(true);
            return t;
        });
        try (ClusterZip zip = new ClusterZip(store().newFile(id, BundleStore.ZIP), room)) {
            update(run, state -> state.withStatus(BundleStatus.InProgress));
            Map<ClusterNode, Future<NodeOutcome>> parts = new LinkedHashMap<>();
            for (ClusterNode node : nodes) {
                parts.put(node, fetchers.submit(() -> fetch(run, node, zip)));
            }
            Map<String, NodeOutcome> report = new LinkedHashMap<>();
            int done = 0;
            for (Map.Entry<ClusterNode, Future<NodeOutcome>> part : parts.entrySet()) {
                NodeOutcome node;
                try {
                    node = part.getValue().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SinkFailedException sinkFailed) {
                        throw sinkFailed;
                    }
                    node = new NodeOutcome(part.getKey().role(), "Failed", String.valueOf(e.getCause()), List.of(), 0, 0);
                }
                report.put(part.getKey().ip(), node);
                int nodesDone = ++done;
                update(run, state -> state.withProgress(nodesDone, nodes.size()));
            }
            if (run.canceled) {
                throw new BundleCanceledException("canceled");
            }
            StringBuilder summary = new StringBuilder();
            for (ClusterNode node : nodes) {
                NodeOutcome result = report.get(node.ip());
                if (!result.error().isEmpty()) {
                    errors.add(node.ip() + ": " + result.error());
                    summary.append(node.bundleFolder()).append(": ").append(result.error()).append('\n');
                }
                for (String error : result.errors()) {
                    errors.add(node.ip() + ": " + error);
                    summary.append(node.bundleFolder()).append(": ").append(error).append('\n');
                }
            }
            zip.entry("report.json", JSON.writeValueAsBytes(Map.of("id", id, "nodes", report)));
            zip.entry("summaryErrorsReport.txt", summary.toString().getBytes(StandardCharsets.UTF_8));
            zip.close();
            zip.checkBudget();
            size = zip.size();
            outcome = BundleStatus.Done;
        } catch (BundleCanceledException e) {
            outcome = BundleStatus.Canceled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = BundleStatus.Canceled;
        } catch (IOException | RuntimeException e) {
            outcome = failure(run, e, errors);
        } finally {
            run.cancel();
            fetchers.shutdownNow();
        }
        finish(run, outcome, size, errors);
    }

    /** Streams one node's part into the zip; any failure of the node or its stream is that node's outcome. */
    private NodeOutcome fetch(Running run, ClusterNode node, ClusterZip zip) {
        if (run.canceled) {
            return new NodeOutcome(node.role(), "Canceled", "the bundle was canceled", List.of(), 0, 0);
        }
        Context.CancellableContext call = Context.current().withCancellation();
        run.calls.add(call);
        ClusterZip.NodeWriter writer = zip.writer(node.bundleFolder());
        try {
            return call.call(() -> {
                NodeDiagnosticsGrpc.NodeDiagnosticsBlockingStub stub = NodeDiagnosticsGrpc
                        .newBlockingStub(clients.of(node).channel())
                        .withDeadlineAfter(nodeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                Iterator<NodeBundlePart> parts = stub.buildNodeBundle(
                        BuildNodeBundleRequest.newBuilder().setBundleId(run.state.id()).build());
                while (parts.hasNext()) {
                    NodeBundlePart part = parts.next();
                    switch (part.getPartCase()) {
                        case ENTRY -> writer.start(part.getEntry().getName(), part.getEntry().getModifiedUnixMillis());
                        case DATA -> writer.write(part.getData());
                        case SUMMARY -> {
                            writer.end();
                            return new NodeOutcome(node.role(), "Done", "", part.getSummary().getErrorsList(),
                                    part.getSummary().getEntries(), part.getSummary().getBytes());
                        }
                        default -> {
                            // Progress: the node's own; the cluster bundle counts nodes.
                        }
                    }
                }
                return failed(node, "the node's stream ended without its summary");
            });
        } catch (StatusRuntimeException e) {
            return failed(node, describe(e.getStatus()));
        } catch (SinkFailedException e) {
            throw e;
        } catch (Exception e) {
            return failed(node, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            writer.end();
            run.calls.remove(call);
            call.cancel(null);
        }
    }

    private static NodeOutcome failed(ClusterNode node, String error) {
        return new NodeOutcome(node.role(), "Failed", error, List.of(), 0, 0);
    }

    private String describe(Status status) {
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "did not deliver its part within " + nodeTimeout.toSeconds()
                    + "s (diagnostics.bundles.node-timeout)";
            case UNAVAILABLE -> "unreachable: " + status.getDescription();
            case CANCELLED -> "canceled";
            default -> status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        };
    }

    /** Cancels a running bundle; 409 when it is not running. */
    @Override
    public BundleState cancel(String id) {
        return super.cancel(id);
    }

    @PreDestroy
    void shutdown() {
        cancelAll();
        coordinators.shutdownNow();
    }
}
