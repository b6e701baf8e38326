package day2ops.metrics.prometheus;

import day2ops.metrics.Metric;
import day2ops.metrics.MetricType;
import day2ops.metrics.collector.CollectorOutcome;
import day2ops.metrics.collector.NodeSnapshot;
import java.util.List;
import java.util.Map;

/** Writes node datapoints and the collector framework's own series into an {@link Exposition}. */
public final class NodeExposition {

    /** Prefix of node series: {@code memory.total} becomes {@code day2ops_node_memory_total_bytes}. */
    public static final String NODE_PREFIX = "day2ops_node_";

    /** v0 names whose mechanical translation would read as another type ({@code _count}, {@code _total}). */
    private static final Map<String, String> RENAMED = Map.of(
            "process.count", "processes",
            "filesystem.inode.total", "filesystem.inodes",
            "filesystem.inode.used", "filesystem.inodes.used",
            "filesystem.inode.free", "filesystem.inodes.free");

    private NodeExposition() {
    }

    public static void write(NodeSnapshot snapshot, Exposition out) {
        writeMetrics(NODE_PREFIX, "node", snapshot.metrics(), Map.of(), out);
        writeOutcomes(snapshot.outcomes(), out);
    }

    /** Writes v0-style metrics under {@code prefix}, each sample with its tags plus {@code labels}. */
    public static void writeMetrics(String prefix, String source, List<Metric> metrics, Map<String, String> labels,
            Exposition out) {
        for (Metric metric : metrics) {
            boolean counter = metric.type() == MetricType.COUNTER;
            String name = PrometheusNames.fromV0(prefix, RENAMED.getOrDefault(metric.name(), metric.name()),
                    metric.unit(), counter);
            java.util.Map<String, String> all = new java.util.TreeMap<>(labels);
            all.putAll(metric.tags());
            out.add(name, counter ? Exposition.Type.COUNTER : Exposition.Type.GAUGE,
                    source + " " + metric.name() + " (" + metric.unit() + ")", all, metric.value());
        }
    }

    public static void writeOutcomes(List<CollectorOutcome> outcomes, Exposition out) {
        for (CollectorOutcome outcome : outcomes) {
            Map<String, String> labels = Map.of("collector", outcome.collector());
            out.add("day2ops_collector_duration_seconds", Exposition.Type.GAUGE,
                    "Time a node collector took in its latest round", labels, outcome.durationSeconds());
            out.add("day2ops_collector_success", Exposition.Type.GAUGE,
                    "Whether a node collector succeeded in its latest round (1) or failed (0)", labels,
                    outcome.success() ? 1 : 0);
        }
    }
}
