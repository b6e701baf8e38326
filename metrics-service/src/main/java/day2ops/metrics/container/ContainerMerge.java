package day2ops.metrics.container;

import day2ops.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges what several sources report about the same containers. Metadata: the first source
 * that knows more than the id wins, field by field. Metrics: a datapoint (name + tags) comes
 * from the first source that has it, so a container's series never flip between sources.
 */
public final class ContainerMerge {

    private ContainerMerge() {
    }

    /** @param bySource each source's samples, in priority order */
    public static Map<String, ContainerSample> merge(List<List<ContainerSample>> bySource) {
        TreeMap<String, ContainerSample> merged = new TreeMap<>();
        for (List<ContainerSample> samples : bySource) {
            for (ContainerSample sample : samples) {
                merged.merge(sample.containerId(), sample, ContainerMerge::combine);
            }
        }
        return merged;
    }

    private static ContainerSample combine(ContainerSample first, ContainerSample second) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Metric metric : first.metrics()) {
            metrics.putIfAbsent(metric.name() + metric.tags(), metric);
        }
        for (Metric metric : second.metrics()) {
            metrics.putIfAbsent(metric.name() + metric.tags(), metric);
        }
        ContainerMetadata a = first.metadata();
        ContainerMetadata b = second.metadata();
        ContainerMetadata metadata = new ContainerMetadata(a.containerId(),
                or(a.executorId(), b.executorId()), or(a.frameworkId(), b.frameworkId()),
                or(a.frameworkName(), b.frameworkName()), or(a.frameworkRole(), b.frameworkRole()),
                or(a.frameworkPrincipal(), b.frameworkPrincipal()), or(a.taskId(), b.taskId()),
                or(a.taskName(), b.taskName()), a.labels() != null ? a.labels() : b.labels(),
                or(a.appId(), b.appId()));
        return new ContainerSample(metadata, new ArrayList<>(metrics.values()),
                first.timestamp().isAfter(second.timestamp()) ? first.timestamp() : second.timestamp());
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }
}
