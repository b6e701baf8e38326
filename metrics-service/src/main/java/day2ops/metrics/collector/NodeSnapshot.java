package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.time.Instant;
import java.util.List;

/**
 * The result of one collection round over all enabled node collectors.
 *
 * @param timestamp when the round started
 * @param metrics the datapoints of every collector that succeeded, in collector order
 * @param outcomes one per enabled collector, in collector order
 */
public record NodeSnapshot(Instant timestamp, List<Metric> metrics, List<CollectorOutcome> outcomes) {

    public NodeSnapshot {
        metrics = List.copyOf(metrics);
        outcomes = List.copyOf(outcomes);
    }
}
