package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code load.1min|5min|15min} from {@code <procfs>/loadavg}. */
public final class LoadCollector implements Collector {

    private final Path loadavg;

    public LoadCollector(Path procfs) {
        this.loadavg = procfs.resolve("loadavg");
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public List<Metric> collect() throws IOException {
        return parseLoadavg(ProcFiles.read(loadavg));
    }

    /** Parses {@code "0.76 0.96 0.49 1/87 12870"}. */
    public static List<Metric> parseLoadavg(String content) {
        String[] fields = content.trim().split("\\s+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("loadavg: expected at least 3 fields, got " + fields.length);
        }
        return List.of(
                Metric.gauge("load.1min", "count", Double.parseDouble(fields[0])),
                Metric.gauge("load.5min", "count", Double.parseDouble(fields[1])),
                Metric.gauge("load.15min", "count", Double.parseDouble(fields[2])));
    }
}
