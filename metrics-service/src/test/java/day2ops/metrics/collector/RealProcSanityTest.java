package day2ops.metrics.collector;

import static day2ops.metrics.collector.MetricAssertions.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every collector against this machine's real /proc: all succeed and report plausible values. */
class RealProcSanityTest {

    @Test
    void realProcGivesPlausibleValues() {
        CollectorRunner runner = new CollectorRunner(NodeCollectors.create(new HashSet<>(NodeCollectors.names()),
                new NodeCollectors.Sources(Path.of("/proc"), FilesystemCollector.statCommand(10_000))),
                Clock.systemUTC());
        runner.collect();
        NodeSnapshot snapshot = runner.collect();

        assertTrue(snapshot.outcomes().stream().allMatch(CollectorOutcome::success), snapshot.outcomes().toString());
        List<Metric> m = snapshot.metrics();
        assertTrue(find(m, "system.uptime").value() > 0);
        assertTrue(find(m, "process.count").value() > 1);
        assertTrue(find(m, "cpu.cores").value() >= Runtime.getRuntime().availableProcessors());
        double user = find(m, "cpu.user").value();
        double system = find(m, "cpu.system").value();
        double idle = find(m, "cpu.idle").value();
        double wait = find(m, "cpu.wait").value();
        if (!Double.isNaN(user)) {
            assertTrue(user + system + idle + wait <= 100.05, "percentages exceed 100: " + m);
            assertEquals(100.0 - idle - wait, find(m, "cpu.total").value(), 0.05);
        }
        assertTrue(find(m, "load.1min").value() >= 0);
        double total = find(m, "memory.total").value();
        assertTrue(total > 64L * 1024 * 1024, "memory.total " + total);
        assertTrue(find(m, "memory.free").value() <= total);
        assertTrue(find(m, "swap.used").value() >= 0);
        Map<String, String> root = Map.of("path", "/");
        assertTrue(find(m, "filesystem.capacity.total", root).value() > 0);
        assertTrue(find(m, "filesystem.inode.total", root).value() > 0);
        assertTrue(m.stream().noneMatch(metric -> metric.tags().getOrDefault("path", "").startsWith("/proc")));
        assertTrue(find(m, "network.in.packets", Map.of("interface", "lo")).value() >= 0);
    }
}
