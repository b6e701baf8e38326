package day2ops.metrics.rest;

import day2ops.metrics.container.ContainerMetadata;
import day2ops.metrics.service.NodeIdentity;
import java.util.Map;
import java.util.TreeMap;

/** Container dimensions: always from the container's metadata plus this node, never from whichever message came last. */
public final class ContainerDimensions {

    private ContainerDimensions() {
    }

    public static Dimensions of(ContainerMetadata m, NodeIdentity node) {
        return new Dimensions(node.mesosId(), node.clusterId(), m.containerId(), m.executorId(), m.frameworkName(),
                m.frameworkId(), m.frameworkRole(), m.frameworkPrincipal(), m.taskName(), m.taskId(), node.hostname(),
                m.labels() == null || m.labels().isEmpty() ? null : new TreeMap<>(m.labels()));
    }

    /** The same dimensions as Prometheus labels (labels of the task prefixed {@code label_}). */
    public static Map<String, String> labels(ContainerMetadata m) {
        Map<String, String> labels = new TreeMap<>();
        put(labels, "container_id", m.containerId());
        put(labels, "executor_id", m.executorId());
        put(labels, "framework_id", m.frameworkId());
        put(labels, "framework_name", m.frameworkName());
        put(labels, "task_id", m.taskId());
        put(labels, "task_name", m.taskName());
        if (m.labels() != null) {
            m.labels().forEach((key, value) -> labels.putIfAbsent("label_" + key, value));
        }
        return labels;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isEmpty()) {
            labels.put(name, value);
        }
    }
}
