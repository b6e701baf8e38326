package day2ops.metrics.prometheus;

import day2ops.metrics.app.AppFormats;
import day2ops.metrics.app.AppScrapeService;
import day2ops.metrics.container.ContainerMetadata;
import day2ops.metrics.container.ContainerSample;
import day2ops.metrics.rest.ContainerDimensions;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeMetricsService;
import day2ops.metrics.statsd.StatsdListener;
import day2ops.metrics.statsd.StatsdFormats;
import day2ops.metrics.statsd.StatsdServer;
import day2ops.metrics.statsd.StatsdService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Predicate;

/** Everything this service measures as one Prometheus text exposition. */
@ApplicationScoped
public class ExpositionService {

    /** Prefix of container series: {@code mem.rss} becomes {@code day2ops_container_mem_rss_bytes}. */
    public static final String CONTAINER_PREFIX = "day2ops_container_";

    private final NodeMetricsService node;
    private final ContainerMetricsService containers;
    private final StatsdService statsd;
    private final AppScrapeService apps;

    public ExpositionService(NodeMetricsService node, ContainerMetricsService containers, StatsdService statsd,
            AppScrapeService apps) {
        this.node = node;
        this.containers = containers;
        this.statsd = statsd;
        this.apps = apps;
    }

    /**
     * Renders node, container, StatsD and self series.
     *
     * @param mayRead which containers' series (container and app) to include
     */
    public String render(Predicate<ContainerMetadata> mayRead) {
        Exposition out = new Exposition();
        node.latest().ifPresent(snapshot -> NodeExposition.write(snapshot, out));
        ContainerMetricsService.ContainersSnapshot containerSnapshot = containers.latest();
        NodeExposition.writeOutcomes(containerSnapshot.outcomes(), out);
        for (ContainerSample sample : containerSnapshot.containers().values()) {
            if (mayRead.test(sample.metadata())) {
                NodeExposition.writeMetrics(CONTAINER_PREFIX, "container", sample.metrics(),
                        ContainerDimensions.labels(sample.metadata()), out);
            }
        }
        NodeExposition.writeOutcomes(apps.outcomes(), out);
        apps.all().forEach((containerId, scrape) -> {
            ContainerMetadata metadata = containers.container(containerId).map(ContainerSample::metadata)
                    .orElse(ContainerMetadata.idOnly(containerId));
            if (mayRead.test(metadata)) {
                AppFormats.expose(scrape, ContainerDimensions.labels(metadata), out);
            }
        });
        for (AppScrapeService.TargetStatus status : apps.targetStatuses()) {
            ContainerMetadata metadata = containers.container(status.target().containerId())
                    .map(ContainerSample::metadata).orElse(ContainerMetadata.idOnly(status.target().containerId()));
            if (mayRead.test(metadata)) {
                AppFormats.exposeStatus(status, ContainerDimensions.labels(metadata), out);
            }
        }
        if (statsd.enabled()) {
            StatsdServer server = statsd.server();
            for (StatsdListener listener : server.listenersWithRetired()) {
                if (listener.id().equals(StatsdServer.NODE)) {
                    StatsdFormats.expose(listener.latest(), Map.of(), out);
                    continue;
                }
                ContainerMetadata metadata = containers.container(listener.id()).map(ContainerSample::metadata)
                        .orElse(ContainerMetadata.idOnly(listener.id()));
                if (mayRead.test(metadata)) {
                    StatsdFormats.expose(listener.latest(), ContainerDimensions.labels(metadata), out);
                }
            }
            StatsdFormats.exposeSelf(server.listeners(), out);
        }
        return out.render();
    }
}
