package day2ops.metrics.collector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of node collectors by name, in the order their datapoints are reported. */
public final class NodeCollectors {

    /** Where collectors read from and the limits they work within. */
    public record Sources(Path procfs, FilesystemCollector.StatfsReader statfs) {
    }

    private static final Map<String, Function<Sources, Collector>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("uptime", s -> new UptimeCollector(s.procfs()));
        FACTORIES.put("processes", s -> new ProcessesCollector(s.procfs()));
        FACTORIES.put("load", s -> new LoadCollector(s.procfs()));
        FACTORIES.put("cpu", s -> new CpuCollector(s.procfs()));
        FACTORIES.put("memory", s -> new MemoryCollector(s.procfs()));
        FACTORIES.put("swap", s -> new SwapCollector(s.procfs()));
        FACTORIES.put("filesystem", s -> new FilesystemCollector(s.procfs(), s.statfs()));
        FACTORIES.put("network", s -> new NetworkCollector(s.procfs()));
    }

    private NodeCollectors() {
    }

    /** Every collector name, in reporting order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * The enabled collectors in reporting order.
     *
     * @throws IllegalArgumentException naming an unknown collector, so a typo in the
     *     configuration fails the start instead of silently collecting less
     */
    public static List<Collector> create(Set<String> enabled, Sources sources) {
        for (String name : enabled) {
            if (!FACTORIES.containsKey(name)) {
                throw new IllegalArgumentException("unknown collector '" + name + "'; known: " + names());
            }
        }
        List<Collector> collectors = new ArrayList<>();
        FACTORIES.forEach((name, factory) -> {
            if (enabled.contains(name)) {
                collectors.add(factory.apply(sources));
            }
        });
        return collectors;
    }
}
