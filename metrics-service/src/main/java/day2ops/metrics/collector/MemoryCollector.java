package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code memory.total|free|buffers|cached} in bytes from {@code <procfs>/meminfo}. */
public final class MemoryCollector implements Collector {

    private final Path meminfo;

    public MemoryCollector(Path procfs) {
        this.meminfo = procfs.resolve("meminfo");
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Metric> collect() throws IOException {
        return parseMeminfo(ProcFiles.read(meminfo));
    }

    public static List<Metric> parseMeminfo(String content) {
        Map<String, Long> values = MeminfoParser.parse(content);
        return List.of(
                Metric.gauge("memory.total", "bytes", MeminfoParser.require(values, "MemTotal")),
                Metric.gauge("memory.free", "bytes", MeminfoParser.require(values, "MemFree")),
                Metric.gauge("memory.buffers", "bytes", MeminfoParser.require(values, "Buffers")),
                Metric.gauge("memory.cached", "bytes", MeminfoParser.require(values, "Cached")));
    }
}
