package day2ops.metrics.shipping;

import day2ops.metrics.Metric;
import day2ops.metrics.MetricType;
import day2ops.metrics.config.MetricsConfig;
import day2ops.metrics.container.ContainerSample;
import day2ops.metrics.rest.ContainerDimensions;
import day2ops.metrics.rest.Datapoint;
import day2ops.metrics.service.AppMetricsService;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeMetricsService;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ships node, container and app series to the push registries enabled under
 * {@code metrics.shipping.*} (StatsD, OTLP). Names are the v0 names below {@code node.},
 * {@code container.} and {@code app.}; container and app series carry the container's
 * dimensions as tags.
 */
@ApplicationScoped
public class ShippingService {

    private static final Logger LOG = Logger.getLogger(ShippingService.class);

    private final MetricsConfig.Shipping config;
    private final NodeMetricsService node;
    private final ContainerMetricsService containers;
    private final AppMetricsService apps;
    private final List<MeterRegistry> registries = new ArrayList<>();
    private MeterBridge bridge;
    private ScheduledExecutorService scheduler;

    public ShippingService(MetricsConfig config, NodeMetricsService node, ContainerMetricsService containers,
            AppMetricsService apps) {
        this.config = config.shipping();
        this.node = node;
        this.containers = containers;
        this.apps = apps;
    }

    void start(@Observes StartupEvent event) {
        if (config.statsd().enabled()) {
            registries.add(statsdRegistry(config.statsd(), config.step()));
            LOG.infof("shipping to StatsD %s:%d (%s)", config.statsd().host(), config.statsd().port(),
                    config.statsd().flavor());
        }
        if (config.otlp().enabled()) {
            registries.add(otlpRegistry(config.otlp().url(), config.step()));
            LOG.infof("shipping to OTLP %s", config.otlp().url());
        }
        if (registries.isEmpty()) {
            return;
        }
        bridge = new MeterBridge(registries);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "shipping-sync");
            thread.setDaemon(true);
            return thread;
        });
        long step = config.step().toMillis();
        scheduler.scheduleWithFixedDelay(this::syncSafely, 0, step, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        // Closing a push registry publishes what it holds one last time.
        registries.forEach(MeterRegistry::close);
    }

    private void syncSafely() {
        try {
            bridge.sync(currentSeries());
        } catch (RuntimeException e) {
            LOG.errorf(e, "shipping sync failed");
        }
    }

    /** Everything to ship right now. */
    List<MeterBridge.Series> currentSeries() {
        List<MeterBridge.Series> series = new ArrayList<>();
        node.latest().ifPresent(snapshot -> snapshot.metrics()
                .forEach(metric -> series.add(toSeries("node.", metric, Map.of()))));
        for (ContainerSample sample : containers.latest().containers().values()) {
            Map<String, String> labels = ContainerDimensions.labels(sample.metadata());
            sample.metrics().forEach(metric -> series.add(toSeries("container.", metric, labels)));
            for (Datapoint datapoint : apps.datapoints(sample.containerId())) {
                Map<String, String> tags = new HashMap<>(labels);
                if (datapoint.tags() != null) {
                    datapoint.tags().forEach(tags::putIfAbsent);
                }
                series.add(new MeterBridge.Series("app." + datapoint.name(), tags, false, datapoint.value()));
            }
        }
        return series;
    }

    private static MeterBridge.Series toSeries(String prefix, Metric metric, Map<String, String> labels) {
        Map<String, String> tags = new HashMap<>(labels);
        tags.putAll(metric.tags());
        return new MeterBridge.Series(prefix + metric.name(), tags, metric.type() == MetricType.COUNTER,
                metric.value());
    }

    /** A StatsD push registry; gauges are polled once per step. */
    public static StatsdMeterRegistry statsdRegistry(MetricsConfig.StatsdTarget target, Duration step) {
        StatsdFlavor flavor = StatsdFlavor.valueOf(target.flavor().toUpperCase(Locale.ROOT));
        StatsdConfig statsd = new StatsdConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public StatsdFlavor flavor() {
                return flavor;
            }

            @Override
            public String host() {
                return target.host();
            }

            @Override
            public int port() {
                return target.port();
            }

            @Override
            public Duration step() {
                return step;
            }

            @Override
            public Duration pollingFrequency() {
                return step;
            }
        };
        return new StatsdMeterRegistry(statsd, Clock.SYSTEM);
    }

    /** An OTLP/HTTP push registry publishing every step. */
    public static OtlpMeterRegistry otlpRegistry(String url, Duration step) {
        Map<String, String> properties = Map.of("otlp.url", url, "otlp.step", step.toString());
        OtlpConfig otlp = properties::get;
        return new OtlpMeterRegistry(otlp, Clock.SYSTEM);
    }
}
