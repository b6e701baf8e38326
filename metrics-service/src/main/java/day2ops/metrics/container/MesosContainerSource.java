package day2ops.metrics.container;

import day2ops.common.mesos.AgentContainer;
import day2ops.common.mesos.AgentContainerV1;
import day2ops.common.mesos.AgentState;
import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.Metric;
import day2ops.metrics.config.MetricsConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Container metrics from the Mesos agent — the v1 operator API's {@code GET_CONTAINERS} (nested
 * containers included) or the legacy {@code GET /containers} — with framework, executor, task and
 * labels joined from {@code GET /state} by container id.
 */
public final class MesosContainerSource implements ContainerSource {

    /** Mesos statistics field → v0 name, unit, type. */
    record Mapping(String field, String name, String unit, boolean counter) {
    }

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("processes", "processes", "count", false),
            new Mapping("threads", "threads", "count", false),
            new Mapping("cpus_user_time_secs", "cpus.user.time", "seconds", true),
            new Mapping("cpus_system_time_secs", "cpus.system.time", "seconds", true),
            new Mapping("cpus_throttled_time_secs", "cpus.throttled.time", "seconds", true),
            new Mapping("cpus_limit", "cpus.limit", "count", false),
            new Mapping("cpus_nr_periods", "cpus.nr.periods", "count", true),
            new Mapping("cpus_nr_throttled", "cpus.nr.throttled", "count", true),
            new Mapping("mem_total_bytes", "mem.total", "bytes", false),
            new Mapping("mem_limit_bytes", "mem.limit", "bytes", false),
            new Mapping("mem_soft_limit_bytes", "mem.soft.limit", "bytes", false),
            new Mapping("mem_cache_bytes", "mem.cache", "bytes", false),
            new Mapping("mem_rss_bytes", "mem.rss", "bytes", false),
            new Mapping("mem_mapped_file_bytes", "mem.mapped.file", "bytes", false),
            new Mapping("mem_swap_bytes", "mem.swap", "bytes", false),
            new Mapping("mem_unevictable_bytes", "mem.unevictable", "bytes", false),
            new Mapping("disk_limit_bytes", "disk.limit", "bytes", false),
            new Mapping("disk_used_bytes", "disk.used", "bytes", false),
            new Mapping("net_rx_packets", "net.rx.packets", "count", true),
            new Mapping("net_rx_errors", "net.rx.errors", "count", true),
            new Mapping("net_rx_dropped", "net.rx.dropped", "count", true),
            new Mapping("net_rx_bytes", "net.rx.bytes", "bytes", true),
            new Mapping("net_tx_packets", "net.tx.packets", "count", true),
            new Mapping("net_tx_errors", "net.tx.errors", "count", true),
            new Mapping("net_tx_dropped", "net.tx.dropped", "count", true),
            new Mapping("net_tx_bytes", "net.tx.bytes", "bytes", true));

    private final MesosAgentClient client;
    private final MetricsConfig.MesosApi api;
    private final Clock clock;

    public MesosContainerSource(MesosAgentClient client, MetricsConfig.MesosApi api, Clock clock) {
        this.client = client;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mesos";
    }

    @Override
    public List<ContainerSample> containers() throws IOException {
        return switch (api) {
            case V1 -> joinV1(client.getContainers(true, false), client.state(), clock.instant());
            case CONTAINERS -> join(client.containers(), client.state(), clock.instant());
        };
    }

    /**
     * Joins v1 {@code GET_CONTAINERS} with {@code /state}; pure. A nested container (a task of a
     * pod) takes framework, executor and application from its executor's container, which is what
     * {@code /state} names; its task and labels stay unknown, since an executor runs several.
     */
    public static List<ContainerSample> joinV1(List<AgentContainerV1> containers, AgentState state, Instant now) {
        Map<String, ContainerMetadata> metadata = metadataByContainer(state);
        List<ContainerSample> samples = new ArrayList<>();
        for (AgentContainerV1 container : containers) {
            if (container.containerId() == null || container.containerId().value() == null) {
                continue;
            }
            String id = container.containerId().value();
            ContainerMetadata known = metadata.get(id);
            if (known == null) {
                ContainerMetadata executor = metadata.get(container.containerId().rootValue());
                known = executor != null
                        ? new ContainerMetadata(id, executor.executorId(), executor.frameworkId(),
                                executor.frameworkName(), executor.frameworkRole(), executor.frameworkPrincipal(),
                                null, null, null, executor.appId())
                        : new ContainerMetadata(id, container.executorIdValue(), container.frameworkIdValue(),
                                null, null, null, null, null, null, null);
            }
            samples.add(sample(known, container.resourceStatistics(), now));
        }
        return samples;
    }

    private static ContainerSample sample(ContainerMetadata metadata, Map<String, Object> statistics, Instant now) {
        Map<String, Object> present = statistics == null ? Map.of() : statistics;
        Instant timestamp = present.get("timestamp") instanceof Number seconds && seconds.doubleValue() > 0
                ? Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000))
                : now;
        return new ContainerSample(metadata, statisticsToMetrics(present), timestamp);
    }

    /** Joins {@code /containers} with {@code /state}; pure, so recorded responses test it. */
    public static List<ContainerSample> join(List<AgentContainer> containers, AgentState state, Instant now) {
        Map<String, ContainerMetadata> metadata = metadataByContainer(state);
        List<ContainerSample> samples = new ArrayList<>();
        for (AgentContainer container : containers) {
            ContainerMetadata known = metadata.get(container.containerId());
            if (known == null) {
                known = new ContainerMetadata(container.containerId(), container.executorId(), container.frameworkId(),
                        null, null, null, null, null, null, null);
            }
            samples.add(sample(known, container.statistics(), now));
        }
        return samples;
    }

    /** The v0 container datapoints of one Mesos {@code ResourceStatistics} object. */
    public static List<Metric> statisticsToMetrics(Map<String, Object> statistics) {
        List<Metric> metrics = new ArrayList<>();
        for (Mapping mapping : MAPPINGS) {
            if (statistics.get(mapping.field()) instanceof Number value) {
                metrics.add(mapping.counter()
                        ? Metric.counter(mapping.name(), mapping.unit(), value.doubleValue())
                        : Metric.gauge(mapping.name(), mapping.unit(), value.doubleValue()));
            }
        }
        return metrics;
    }

    static Map<String, ContainerMetadata> metadataByContainer(AgentState state) {
        Map<String, ContainerMetadata> result = new HashMap<>();
        if (state == null || state.frameworks() == null) {
            return result;
        }
        for (AgentState.Framework framework : state.frameworks()) {
            if (framework.executors() == null) {
                continue;
            }
            for (AgentState.Executor executor : framework.executors()) {
                if (executor.container() == null) {
                    continue;
                }
                AgentState.Task task = executor.tasks() == null || executor.tasks().isEmpty() ? null
                        : executor.tasks().get(0);
                TreeMap<String, String> labels = new TreeMap<>();
                if (task != null && task.labels() != null) {
                    task.labels().forEach(label -> labels.put(label.key(), label.value() == null ? "" : label.value()));
                }
                result.put(executor.container(), new ContainerMetadata(executor.container(), executor.id(),
                        framework.id(), framework.name(), framework.role(), framework.principal(),
                        task == null ? null : task.id(), task == null ? null : task.name(),
                        labels.isEmpty() ? null : labels,
                        task == null ? null : appId(framework.name(), task.id(), labels)));
            }
        }
        return result;
    }

    /**
     * The Marathon application id of a task: the {@code DCOS_APP_ID} label when present, else
     * decoded from a Marathon task id ({@code team_app.<uuid>} → {@code /team/app}); null for
     * tasks of other frameworks.
     */
    static String appId(String frameworkName, String taskId, Map<String, String> labels) {
        String label = labels.get("DCOS_APP_ID");
        if (label != null && !label.isBlank()) {
            return label.startsWith("/") ? label : "/" + label;
        }
        if (!"marathon".equals(frameworkName) || taskId == null) {
            return null;
        }
        int dot = taskId.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        return "/" + taskId.substring(0, dot).replace('_', '/');
    }
}
