package day2ops.metrics.statsd;

import day2ops.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Starts the node listener, restores container listeners, and flushes all of them every interval. */
@ApplicationScoped
public class StatsdService {

    private static final Logger LOG = Logger.getLogger(StatsdService.class);

    private final MetricsConfig.Statsd config;
    private final MetricsConfig metrics;
    private StatsdServer server;
    private StatsdContainerRegistry registry;
    private ScheduledExecutorService flusher;

    public StatsdService(MetricsConfig metrics) {
        this.metrics = metrics;
        this.config = metrics.statsd();
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (!config.enabled()) {
            return;
        }
        server = new StatsdServer(config.percentiles(), config.expiry(), config.receiveBufferBytes(), metrics.procfs(),
                Clock.systemUTC());
        StatsdListener node = server.open(StatsdServer.NODE, config.host(), config.port());
        LOG.infof("StatsD node listener on udp://%s:%d", node.address().getHostString(), node.port());
        registry = new StatsdContainerRegistry(server, config.stateFile(), config.containerHost(),
                config.containerPortMin(), config.containerPortMax());
        registry.restore();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "statsd-flush");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.flushInterval().toMillis();
        flusher.scheduleAtFixedRate(this::flushSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    private void flushSafely() {
        try {
            server.flushAll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "StatsD flush failed");
        }
    }

    /** Ends the current flush interval now (also used by tests, instead of waiting for the timer). */
    public void flushNow() {
        requireEnabled();
        server.flushAll();
    }

    public boolean enabled() {
        return server != null;
    }

    public StatsdServer server() {
        requireEnabled();
        return server;
    }

    public StatsdContainerRegistry registry() {
        requireEnabled();
        return registry;
    }

    /** The node listener, when StatsD is enabled. */
    public Optional<StatsdListener> nodeListener() {
        return server == null ? Optional.empty() : server.listener(StatsdServer.NODE);
    }

    private void requireEnabled() {
        if (server == null) {
            throw new IllegalStateException("StatsD is disabled (metrics.statsd.enabled=false)");
        }
    }
}
