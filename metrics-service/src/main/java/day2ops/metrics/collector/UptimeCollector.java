package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code system.uptime}: whole seconds since boot, from {@code <procfs>/uptime}. */
public final class UptimeCollector implements Collector {

    private final Path uptime;

    public UptimeCollector(Path procfs) {
        this.uptime = procfs.resolve("uptime");
    }

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public List<Metric> collect() throws IOException {
        return parseUptime(ProcFiles.read(uptime));
    }

    /** Parses {@code "694.06 1052.15"} (uptime and idle seconds). */
    public static List<Metric> parseUptime(String content) {
        String[] fields = content.trim().split("\\s+");
        if (fields.length < 1 || fields[0].isEmpty()) {
            throw new IllegalArgumentException("uptime: empty");
        }
        // DC/OS reports whole seconds with unit "count"; keep that so clients see the same value.
        return List.of(Metric.gauge("system.uptime", "count", Math.floor(Double.parseDouble(fields[0]))));
    }
}
