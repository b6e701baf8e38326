package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cpu.cores} and {@code cpu.total|user|system|idle|wait} (percent, two decimals) from the
 * difference between two readings of {@code <procfs>/stat}. The first reading after start has no
 * predecessor and is compared with boot (all zeros), i.e. gives the average since boot.
 */
public final class CpuCollector implements Collector {

    /** Jiffies per mode from the aggregate {@code cpu} line, and the number of {@code cpuN} lines. */
    public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
            long steal, int cores) {

        static final CpuTimes BOOT = new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0);

        long total() {
            return user + nice + system + idle + iowait + irq + softirq + steal;
        }
    }

    private final Path stat;
    private CpuTimes previous = CpuTimes.BOOT;

    public CpuCollector(Path procfs) {
        this.stat = procfs.resolve("stat");
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public synchronized List<Metric> collect() throws IOException {
        CpuTimes current = parseStat(ProcFiles.read(stat));
        List<Metric> metrics = percentages(previous, current);
        previous = current;
        return metrics;
    }

    /** Parses the {@code cpu} and {@code cpuN} lines of {@code /proc/stat}. */
    public static CpuTimes parseStat(String content) {
        long[] aggregate = null;
        int cores = 0;
        for (String line : content.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 5) {
                    throw new IllegalArgumentException("stat: cpu line has " + (fields.length - 1) + " fields, need 4");
                }
                aggregate = new long[8];
                for (int i = 0; i < 8 && i + 1 < fields.length; i++) {
                    aggregate[i] = Long.parseLong(fields[i + 1]);
                }
            } else if (line.startsWith("cpu")) {
                cores++;
            }
        }
        if (aggregate == null) {
            throw new IllegalArgumentException("stat: no aggregate cpu line");
        }
        return new CpuTimes(aggregate[0], aggregate[1], aggregate[2], aggregate[3], aggregate[4], aggregate[5],
                aggregate[6], aggregate[7], cores);
    }

    /**
     * The v0 CPU datapoints for the interval between two readings. {@code cpu.user} includes nice
     * time, {@code cpu.system} includes irq and softirq, {@code cpu.wait} is iowait, and
     * {@code cpu.total} is everything but idle and iowait (steal counts as busy: the guest could
     * not run). With no elapsed time (two identical readings) the percentages are NaN.
     */
    public static List<Metric> percentages(CpuTimes before, CpuTimes after) {
        CpuTimes from = after.total() < before.total() ? CpuTimes.BOOT : before;
        double elapsed = after.total() - from.total();
        double user = (after.user + after.nice) - (from.user + from.nice);
        double system = (after.system + after.irq + after.softirq) - (from.system + from.irq + from.softirq);
        double idle = after.idle - from.idle;
        double wait = after.iowait - from.iowait;
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("cpu.cores", "count", after.cores));
        metrics.add(Metric.gauge("cpu.total", "percent", percent(elapsed - idle - wait, elapsed)));
        metrics.add(Metric.gauge("cpu.user", "percent", percent(user, elapsed)));
        metrics.add(Metric.gauge("cpu.system", "percent", percent(system, elapsed)));
        metrics.add(Metric.gauge("cpu.idle", "percent", percent(idle, elapsed)));
        metrics.add(Metric.gauge("cpu.wait", "percent", percent(wait, elapsed)));
        return metrics;
    }

    private static double percent(double part, double whole) {
        return whole <= 0 ? Double.NaN : ProcFiles.twoDecimals(100.0 * part / whole);
    }
}
