package day2ops.metrics.service;

import day2ops.metrics.collector.CollectorRunner;
import day2ops.metrics.collector.FilesystemCollector;
import day2ops.metrics.collector.NodeCollectors;
import day2ops.metrics.collector.NodeSnapshot;
import day2ops.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the enabled node collectors every {@code metrics.collect-interval} on one background
 * thread and keeps the latest round, which both the v0 API and the Prometheus exposition serve:
 * a request never waits for /proc or statfs, and CPU percentages always span a full interval.
 */
@ApplicationScoped
public class NodeMetricsService {

    private final CollectorRunner runner;
    private final MetricsConfig config;
    private volatile NodeSnapshot latest;
    private ScheduledExecutorService scheduler;

    public NodeMetricsService(MetricsConfig config) {
        this.config = config;
        this.runner = new CollectorRunner(NodeCollectors.create(config.collectors(),
                new NodeCollectors.Sources(config.procfs(),
                        FilesystemCollector.statCommand(config.statfsTimeout().toMillis()))),
                Clock.systemUTC());
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "node-collectors");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.collectInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::collectNow, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Runs one collection round now and makes it the latest. */
    public synchronized NodeSnapshot collectNow() {
        NodeSnapshot snapshot = runner.collect();
        latest = snapshot;
        return snapshot;
    }

    /** The latest round, or empty before the first round finished. */
    public Optional<NodeSnapshot> latest() {
        return Optional.ofNullable(latest);
    }
}
