package day2ops.metrics.service;

import day2ops.metrics.collector.CollectorOutcome;
import day2ops.metrics.config.MetricsConfig;
import day2ops.metrics.container.CgroupContainerSource;
import day2ops.metrics.container.ContainerMerge;
import day2ops.metrics.container.ContainerSample;
import day2ops.metrics.container.ContainerSource;
import day2ops.metrics.container.MesosAgentClients;
import day2ops.metrics.container.MesosContainerSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Polls the configured container sources every collect interval and keeps the merged result;
 * each source is timed and reported like a node collector ({@code containers_<source>}).
 */
@ApplicationScoped
public class ContainerMetricsService {

    private static final Logger LOG = Logger.getLogger(ContainerMetricsService.class);

    /** The containers of the latest round and how each source fared. */
    public record ContainersSnapshot(Map<String, ContainerSample> containers, List<CollectorOutcome> outcomes) {
    }

    private final List<ContainerSource> sources;
    private final MetricsConfig config;
    private volatile ContainersSnapshot latest = new ContainersSnapshot(Map.of(), List.of());
    private ScheduledExecutorService scheduler;

    public ContainerMetricsService(MetricsConfig config) {
        this.config = config;
        this.sources = createSources(config);
    }

    static List<ContainerSource> createSources(MetricsConfig config) {
        List<ContainerSource> sources = new ArrayList<>();
        if (config.role() == MetricsConfig.Role.MASTER) {
            return sources;
        }
        MetricsConfig.Containers containers = config.containers();
        for (String name : containers.sources()) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> {
                }
                case "cgroups" -> {
                    String version = containers.cgroupVersion().toLowerCase(Locale.ROOT);
                    CgroupContainerSource.Version v = switch (version) {
                        case "v1" -> CgroupContainerSource.Version.V1;
                        case "v2" -> CgroupContainerSource.Version.V2;
                        case "auto" -> CgroupContainerSource.Version.detect(containers.cgroupRoot());
                        default -> throw new IllegalArgumentException(
                                "metrics.containers.cgroup-version must be v1, v2 or auto, not '" + version + "'");
                    };
                    sources.add(new CgroupContainerSource(containers.cgroupRoot(), containers.cgroupHierarchy(), v,
                            containers.procfs(), Clock.systemUTC()));
                }
                case "mesos" -> sources.add(new MesosContainerSource(MesosAgentClients.create(config.mesos()),
                        config.mesos().api(), Clock.systemUTC()));
                default -> throw new IllegalArgumentException(
                        "unknown container source '" + name + "'; known: cgroups, mesos, none");
            }
        }
        return sources;
    }

    void start(@Observes StartupEvent event) {
        if (sources.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "container-collectors");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::collectNow, 0, config.collectInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Polls every source now and makes the result the latest. */
    public synchronized ContainersSnapshot collectNow() {
        List<List<ContainerSample>> bySource = new ArrayList<>();
        List<CollectorOutcome> outcomes = new ArrayList<>();
        for (ContainerSource source : sources) {
            long start = System.nanoTime();
            boolean success = true;
            try {
                bySource.add(source.containers());
            } catch (Exception e) {
                success = false;
                LOG.warnf("container source %s failed: %s", source.name(), e.toString());
            }
            outcomes.add(new CollectorOutcome("containers_" + source.name(), (System.nanoTime() - start) / 1e9, success));
        }
        ContainersSnapshot snapshot = new ContainersSnapshot(ContainerMerge.merge(bySource), outcomes);
        latest = snapshot;
        return snapshot;
    }

    public ContainersSnapshot latest() {
        return latest;
    }

    public Optional<ContainerSample> container(String id) {
        return Optional.ofNullable(latest.containers().get(id));
    }
}
