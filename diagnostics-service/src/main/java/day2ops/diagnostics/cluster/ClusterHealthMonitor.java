package day2ops.diagnostics.cluster;

import day2ops.diagnostics.config.DiagnosticsConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The master's view of the cluster's health: every {@code diagnostics.cluster.pull-interval} it asks every node of
 * the {@link ClusterDirectory} for its unit health over the node plane, at most
 * {@code diagnostics.cluster.pull-concurrency} at a time, each call limited to {@code diagnostics.cluster.timeout}.
 * A node that cannot be asked is {@code health 3} with the reason. Runs only where {@link #enabled()}.
 */
@ApplicationScoped
public class ClusterHealthMonitor {

    private static final Logger LOG = Logger.getLogger(ClusterHealthMonitor.class);

    /** The cluster health endpoints are not served here (not a master, and not enabled explicitly). */
    public static final class NotEnabledException extends RuntimeException {
        NotEnabledException(String message) {
            super(message);
        }
    }

    private final DiagnosticsConfig.Cluster config;
    private final String role;
    private final ClusterDirectory directory;
    private final NodePlaneClients clients;
    private final Clock clock;
    private final Object pullLock = new Object();
    /** The latest view and when the pull that made it started. */
    private record Pulled(ClusterHealth view, Instant started) {
    }

    private volatile Pulled latest;
    private ExecutorService callers;
    private ScheduledExecutorService timer;

    public ClusterHealthMonitor(DiagnosticsConfig config, ClusterDirectory directory, NodePlaneClients clients) {
        this.config = config.cluster();
        this.role = config.node().role();
        this.directory = directory;
        this.clients = clients;
        this.clock = Clock.systemUTC();
    }

    /** Whether this node pulls and serves cluster health: {@code pull-enabled}, else whether it is a master. */
    public boolean enabled() {
        return config.pullEnabled().orElse("master".equals(role));
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        callers = Executors.newFixedThreadPool(Math.max(1, config.pullConcurrency()), r -> daemon(r, "cluster-health-call-" + n.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cluster-health-pull"));
        long interval = Math.max(1, config.pullInterval().toMillis());
        timer.scheduleWithFixedDelay(this::scheduledPull, 0, interval, TimeUnit.MILLISECONDS);
        LOG.infof("pulling every node's health every %s (at most %d nodes at a time, %s per call)", config.pullInterval(),
                config.pullConcurrency(), config.timeout());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
            callers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void scheduledPull() {
        try {
            pull(clock.instant());
        } catch (RuntimeException e) {
            // The previous view stays served; the next interval tries again.
            LOG.warnf("cluster health pull failed: %s", e.getMessage());
        }
    }

    /** The latest view; pulls first when none was made yet. */
    public ClusterHealth current() {
        requireEnabled();
        Pulled pulled = latest;
        return pulled != null ? pulled.view() : pull(Instant.MIN);
    }

    /** A view made by a pull that started after this call (one running pull serves every caller waiting on it). */
    public ClusterHealth fresh() {
        requireEnabled();
        return pull(clock.instant());
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new NotEnabledException("cluster health is served by masters only: this node's role is " + role
                    + " (diagnostics.node.role); ask a master, or set diagnostics.cluster.pull-enabled=true");
        }
    }

    /**
     * Pulls unless a pull that started at or after {@code notBefore} has finished meanwhile.
     * Throws {@link ClusterDirectory.ClusterDirectoryException} when the node list cannot be had.
     */
    private ClusterHealth pull(Instant notBefore) {
        synchronized (pullLock) {
            Pulled previous = latest;
            if (previous != null && !previous.started().isBefore(notBefore)) {
                return previous.view();
            }
            Instant started = clock.instant();
            List<NodeHealthOutcome> outcomes = askAll(directory.nodes());
            ClusterHealth view = ClusterHealth.aggregate(clock.instant(), outcomes);
            logChanges(previous == null ? null : previous.view(), view);
            latest = new Pulled(view, started);
            return view;
        }
    }

    /** One log line per node whose health could not be had, or was had again, since the previous pull. */
    private static void logChanges(ClusterHealth before, ClusterHealth now) {
        for (ClusterHealth.NodeState node : now.nodes()) {
            String was = before == null ? null : before.node(node.node().ip()).map(ClusterHealth.NodeState::error).orElse(null);
            if (node.error() != null && !node.error().equals(was)) {
                LOG.warnf("health of node %s (%s) unknown: %s", node.node().ip(), node.node().role(), node.error());
            } else if (node.error() == null && was != null) {
                LOG.infof("node %s (%s) answers again", node.node().ip(), node.node().role());
            }
        }
    }

    private List<NodeHealthOutcome> askAll(List<ClusterNode> nodes) {
        List<Future<NodeHealthOutcome>> calls = new ArrayList<>(nodes.size());
        for (ClusterNode node : nodes) {
            calls.add(callers.submit(() -> ask(node)));
        }
        // Each call has its own deadline; this bound only guards against a call that never returns.
        Duration bound = config.timeout().multipliedBy(2).plusSeconds(5);
        List<NodeHealthOutcome> outcomes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ClusterNode node = nodes.get(i);
            try {
                outcomes.add(calls.get(i).get(bound.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                calls.get(i).cancel(true);
                outcomes.add(NodeHealthOutcome.failed(node, "no answer within " + bound.toSeconds() + "s"));
            } catch (ExecutionException e) {
                outcomes.add(NodeHealthOutcome.failed(node, String.valueOf(e.getCause().getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pulling cluster health", e);
            }
        }
        return outcomes;
    }

    private NodeHealthOutcome ask(ClusterNode node) {
        try {
            return NodeHealthOutcome.answered(node, clients.of(node).health());
        } catch (StatusRuntimeException e) {
            return NodeHealthOutcome.failed(node, reason(e.getStatus(), config.timeout()));
        } catch (RuntimeException e) {
            return NodeHealthOutcome.failed(node, "cannot ask the node: " + e.getMessage());
        }
    }

    /** Why a node's health is unknown, from the status of its {@code Health} call. */
    static String reason(Status status, Duration timeout) {
        String detail = status.getDescription() == null ? "" : status.getDescription();
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            detail = detail.isEmpty() ? status.getCause().getMessage() : detail + ": " + status.getCause().getMessage();
        }
        String code = status.getCode().name();
        return switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> "the node refused the service account token (" + code
                    + (detail.isEmpty() ? "" : ": " + detail) + "); check diagnostics.cluster.service-account-token-file";
            case DEADLINE_EXCEEDED -> "no answer within " + timeout.toMillis() + "ms (" + code + ")";
            default -> code + (detail.isEmpty() ? "" : ": " + detail);
        };
    }
}
