package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code process.count}: the number of processes (PIDs), i.e. numeric entries of {@code <procfs>};
 * threads are not counted (they live under {@code /proc/<pid>/task}).
 */
public final class ProcessesCollector implements Collector {

    private final Path procfs;

    public ProcessesCollector(Path procfs) {
        this.procfs = procfs;
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public List<Metric> collect() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(procfs)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        return List.of(Metric.gauge("process.count", "count", countPids(names)));
    }

    /** How many of the entry names of a proc directory are PIDs. */
    public static long countPids(List<String> entryNames) {
        return entryNames.stream().filter(ProcessesCollector::isPid).count();
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
