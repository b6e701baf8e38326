package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code swap.total|free|used} in bytes from {@code <procfs>/meminfo}. */
public final class SwapCollector implements Collector {

    private final Path meminfo;

    public SwapCollector(Path procfs) {
        this.meminfo = procfs.resolve("meminfo");
    }

    @Override
    public String name() {
        return "swap";
    }

    @Override
    public List<Metric> collect() throws IOException {
        return parseMeminfo(ProcFiles.read(meminfo));
    }

    public static List<Metric> parseMeminfo(String content) {
        Map<String, Long> values = MeminfoParser.parse(content);
        long total = MeminfoParser.require(values, "SwapTotal");
        long free = MeminfoParser.require(values, "SwapFree");
        return List.of(
                Metric.gauge("swap.total", "bytes", total),
                Metric.gauge("swap.free", "bytes", free),
                Metric.gauge("swap.used", "bytes", total - free));
    }
}
