package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs a fixed list of collectors one after the other, timing each; a collector that throws is
 * recorded as failed and contributes no datapoints, the others are unaffected.
 */
public final class CollectorRunner {

    private static final Logger LOG = Logger.getLogger(CollectorRunner.class);

    private final List<Collector> collectors;
    private final Clock clock;

    public CollectorRunner(List<Collector> collectors, Clock clock) {
        this.collectors = List.copyOf(collectors);
        this.clock = clock;
    }

    public List<String> names() {
        return collectors.stream().map(Collector::name).toList();
    }

    public NodeSnapshot collect() {
        Instant timestamp = clock.instant();
        List<Metric> metrics = new ArrayList<>();
        List<CollectorOutcome> outcomes = new ArrayList<>(collectors.size());
        for (Collector collector : collectors) {
            long start = System.nanoTime();
            boolean success;
            try {
                metrics.addAll(collector.collect());
                success = true;
            } catch (Exception e) {
                success = false;
                LOG.warnf("collector %s failed: %s", collector.name(), e.toString());
            }
            outcomes.add(new CollectorOutcome(collector.name(), (System.nanoTime() - start) / 1e9, success));
        }
        return new NodeSnapshot(timestamp, metrics, outcomes);
    }
}
