package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-interface counters from {@code <procfs>/net/dev}: {@code network.in|out} (bytes) and
 * {@code network.in|out.packets|dropped|errors}, tag {@code interface}.
 */
public final class NetworkCollector implements Collector {

    private final Path netDev;

    public NetworkCollector(Path procfs) {
        this.netDev = procfs.resolve("net/dev");
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public List<Metric> collect() throws IOException {
        return parseNetDev(ProcFiles.read(netDev));
    }

    /** Parses {@code /proc/net/dev}: two header lines, then {@code iface: 8 rx fields 8 tx fields}. */
    public static List<Metric> parseNetDev(String content) {
        List<Metric> metrics = new ArrayList<>();
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.contains("|")) {
                continue;
            }
            String device = line.substring(0, colon).trim();
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length < 16) {
                throw new IllegalArgumentException("net/dev: interface " + device + " has " + fields.length
                        + " fields, need 16");
            }
            Map<String, String> tags = Map.of("interface", device);
            metrics.add(Metric.counter("network.in", "bytes", Long.parseLong(fields[0]), tags));
            metrics.add(Metric.counter("network.in.packets", "count", Long.parseLong(fields[1]), tags));
            metrics.add(Metric.counter("network.in.errors", "count", Long.parseLong(fields[2]), tags));
            metrics.add(Metric.counter("network.in.dropped", "count", Long.parseLong(fields[3]), tags));
            metrics.add(Metric.counter("network.out", "bytes", Long.parseLong(fields[8]), tags));
            metrics.add(Metric.counter("network.out.packets", "count", Long.parseLong(fields[9]), tags));
            metrics.add(Metric.counter("network.out.errors", "count", Long.parseLong(fields[10]), tags));
            metrics.add(Metric.counter("network.out.dropped", "count", Long.parseLong(fields[11]), tags));
        }
        return metrics;
    }
}
