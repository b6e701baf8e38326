package day2ops.metrics.container;

import day2ops.metrics.Metric;
import day2ops.metrics.collector.NetworkCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Container metrics read straight from the cgroup tree, no Mesos round trip: every directory
 * directly below {@code <root>/<hierarchy>} (v2) or {@code <root>/<controller>/<hierarchy>} (v1)
 * is a container whose id is the directory name.
 *
 * <p>Network counters: a container's network namespace is that of its processes, so
 * {@code net.rx|tx.*} are read from {@code <procfs>/<pid>/net/dev} of a process of the
 * container's cgroup, summed over its interfaces except loopback. A container sharing this
 * service's network namespace (host networking) has no counters of its own and reports none.
 */
public final class CgroupContainerSource implements ContainerSource {

    /** The two cgroup layouts. */
    public enum Version {
        V1, V2;

        /** v2 when {@code <root>/cgroup.controllers} exists (a unified mount), else v1. */
        public static Version detect(Path root) {
            return Files.exists(root.resolve("cgroup.controllers")) ? V2 : V1;
        }
    }

    private static final double USER_HZ = 100.0;

    /** {@code /proc/net/dev} counters → the container datapoints Mesos reports from the same counters. */
    private static final Map<String, String> NET_NAMES = Map.of(
            "network.in", "net.rx.bytes", "network.in.packets", "net.rx.packets",
            "network.in.errors", "net.rx.errors", "network.in.dropped", "net.rx.dropped",
            "network.out", "net.tx.bytes", "network.out.packets", "net.tx.packets",
            "network.out.errors", "net.tx.errors", "network.out.dropped", "net.tx.dropped");

    private final Path root;
    private final String hierarchy;
    private final Version version;
    private final Path procfs;
    private final Clock clock;

    /** @param procfs the proc file system whose {@code <pid>/net/dev} gives a container's network counters */
    public CgroupContainerSource(Path root, String hierarchy, Version version, Path procfs, Clock clock) {
        this.root = root;
        this.hierarchy = hierarchy;
        this.version = version;
        this.procfs = procfs;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cgroups";
    }

    @Override
    public List<ContainerSample> containers() throws IOException {
        List<ContainerSample> samples = new ArrayList<>();
        String ownNetNamespace = netNamespace(procfs.resolve("self"));
        for (String id : containerIds()) {
            Path procsFile = version == Version.V2 ? root.resolve(hierarchy).resolve(id).resolve("cgroup.procs")
                    : firstExisting(v1("cpuacct", id).resolve("cgroup.procs"), v1("memory", id).resolve("cgroup.procs"));
            String procs = CgroupFiles.readOrNull(procsFile);
            List<Metric> metrics = new ArrayList<>(
                    version == Version.V2 ? readV2(root.resolve(hierarchy).resolve(id), procs) : readV1(id, procs));
            metrics.addAll(readNetwork(procs, ownNetNamespace));
            samples.add(new ContainerSample(ContainerMetadata.idOnly(id), metrics, clock.instant()));
        }
        return samples;
    }

    /**
     * The network counters of the first process of {@code procs} whose namespace can be read;
     * none when that namespace is this service's own (host networking) or none can be read
     * (processes gone, or the own namespace unknown, so host counters cannot be told apart).
     */
    private List<Metric> readNetwork(String procs, String ownNetNamespace) throws IOException {
        if (procs == null || ownNetNamespace == null) {
            return List.of();
        }
        for (String line : procs.split("\n")) {
            String pid = line.trim();
            if (pid.isEmpty()) {
                continue;
            }
            Path process = procfs.resolve(pid);
            String namespace = netNamespace(process);
            if (namespace == null) {
                continue;
            }
            if (namespace.equals(ownNetNamespace)) {
                return List.of();
            }
            String netDev = CgroupFiles.readOrNull(process.resolve("net/dev"));
            if (netDev != null) {
                return containerNetwork(netDev);
            }
        }
        return List.of();
    }

    /** The {@code net:[inode]} identity of a process's network namespace, or null when unreadable (gone). */
    private static String netNamespace(Path process) {
        try {
            return Files.readSymbolicLink(process.resolve("ns/net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * The container datapoints {@code net.rx|tx.bytes|packets|errors|dropped} of a container's
     * {@code /proc/<pid>/net/dev}: every interface except {@code lo} summed (loopback traffic never
     * leaves the container).
     */
    public static List<Metric> containerNetwork(String netDev) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Metric metric : NetworkCollector.parseNetDev(netDev)) {
            if (!"lo".equals(metric.tags().get("interface"))) {
                sums.merge(NET_NAMES.get(metric.name()), metric.value(), Double::sum);
            }
        }
        List<Metric> metrics = new ArrayList<>();
        sums.forEach((name, value) -> metrics.add(
                Metric.counter(name, name.endsWith(".bytes") ? "bytes" : "count", value)));
        return metrics;
    }

    private TreeSet<String> containerIds() throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        List<Path> parents = version == Version.V2
                ? List.of(root.resolve(hierarchy))
                : List.of(root.resolve("cpuacct").resolve(hierarchy), root.resolve("memory").resolve(hierarchy));
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).forEach(child -> ids.add(child.getFileName().toString()));
            }
        }
        return ids;
    }

    private Path v1(String controller, String id) {
        return root.resolve(controller).resolve(hierarchy).resolve(id);
    }

    private List<Metric> readV1(String id, String procs) throws IOException {
        Path cpuacct = v1("cpuacct", id);
        Path cpu = v1("cpu", id);
        Path memory = v1("memory", id);
        Path blkio = v1("blkio", id);
        return v1Metrics(
                procs,
                CgroupFiles.readOrNull(firstExisting(cpuacct.resolve("tasks"), memory.resolve("tasks"))),
                CgroupFiles.readOrNull(cpuacct.resolve("cpuacct.stat")),
                CgroupFiles.readOrNull(cpu.resolve("cpu.stat")),
                CgroupFiles.readOrNull(cpu.resolve("cpu.cfs_quota_us")),
                CgroupFiles.readOrNull(cpu.resolve("cpu.cfs_period_us")),
                CgroupFiles.readOrNull(memory.resolve("memory.usage_in_bytes")),
                CgroupFiles.readOrNull(memory.resolve("memory.limit_in_bytes")),
                CgroupFiles.readOrNull(memory.resolve("memory.soft_limit_in_bytes")),
                CgroupFiles.readOrNull(memory.resolve("memory.stat")),
                CgroupFiles.readOrNull(blkio.resolve("blkio.throttle.io_service_bytes")),
                CgroupFiles.readOrNull(blkio.resolve("blkio.throttle.io_serviced")));
    }

    private static Path firstExisting(Path first, Path second) {
        return Files.exists(first) ? first : second;
    }

    /** The v0 container datapoints from the content of v1 files (null = file absent). */
    public static List<Metric> v1Metrics(String procs, String tasks, String cpuacctStat, String cpuStat,
            String cfsQuota, String cfsPeriod, String memoryUsage, String memoryLimit, String memorySoftLimit,
            String memoryStat, String blkioBytes, String blkioOps) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("processes", "count", CgroupFiles.countLines(procs)));
        metrics.add(Metric.gauge("threads", "count", CgroupFiles.countLines(tasks)));
        Map<String, Long> cpuacct = CgroupFiles.parseFlatKeyed(cpuacctStat);
        if (cpuacct.containsKey("user")) {
            metrics.add(Metric.counter("cpus.user.time", "seconds", cpuacct.get("user") / USER_HZ));
            metrics.add(Metric.counter("cpus.system.time", "seconds", cpuacct.getOrDefault("system", 0L) / USER_HZ));
        }
        Map<String, Long> throttling = CgroupFiles.parseFlatKeyed(cpuStat);
        addThrottling(metrics, throttling, throttling.containsKey("throttled_time")
                ? throttling.get("throttled_time") / 1e9 : Double.NaN);
        OptionalLong quota = CgroupFiles.parseLimit(cfsQuota);
        OptionalLong period = CgroupFiles.parseLimit(cfsPeriod);
        if (quota.isPresent() && period.isPresent() && period.getAsLong() > 0) {
            metrics.add(Metric.gauge("cpus.limit", "count", (double) quota.getAsLong() / period.getAsLong()));
        }
        addLimit(metrics, "mem.total", CgroupFiles.parseLimit(memoryUsage));
        addLimit(metrics, "mem.limit", CgroupFiles.parseLimit(memoryLimit));
        addLimit(metrics, "mem.soft.limit", CgroupFiles.parseLimit(memorySoftLimit));
        Map<String, Long> stat = CgroupFiles.parseFlatKeyed(memoryStat);
        addStat(metrics, "mem.cache", stat, "total_cache", "cache");
        addStat(metrics, "mem.rss", stat, "total_rss", "rss");
        addStat(metrics, "mem.mapped.file", stat, "total_mapped_file", "mapped_file");
        addStat(metrics, "mem.swap", stat, "total_swap", "swap");
        addStat(metrics, "mem.unevictable", stat, "total_unevictable", "unevictable");
        if (blkioBytes != null) {
            Map<String, Long> bytes = CgroupFiles.parseBlkio(blkioBytes);
            Map<String, Long> ops = CgroupFiles.parseBlkio(blkioOps);
            metrics.add(Metric.counter("blkio.read.bytes", "bytes", bytes.getOrDefault("Read", 0L)));
            metrics.add(Metric.counter("blkio.write.bytes", "bytes", bytes.getOrDefault("Write", 0L)));
            metrics.add(Metric.counter("blkio.read.ops", "count", ops.getOrDefault("Read", 0L)));
            metrics.add(Metric.counter("blkio.write.ops", "count", ops.getOrDefault("Write", 0L)));
        }
        return metrics;
    }

    private List<Metric> readV2(Path dir, String procs) throws IOException {
        return v2Metrics(
                procs,
                CgroupFiles.readOrNull(dir.resolve("cgroup.threads")),
                CgroupFiles.readOrNull(dir.resolve("cpu.stat")),
                CgroupFiles.readOrNull(dir.resolve("cpu.max")),
                CgroupFiles.readOrNull(dir.resolve("memory.current")),
                CgroupFiles.readOrNull(dir.resolve("memory.max")),
                CgroupFiles.readOrNull(dir.resolve("memory.high")),
                CgroupFiles.readOrNull(dir.resolve("memory.stat")),
                CgroupFiles.readOrNull(dir.resolve("memory.swap.current")),
                CgroupFiles.readOrNull(dir.resolve("io.stat")));
    }

    /** The v0 container datapoints from the content of v2 files (null = file absent). */
    public static List<Metric> v2Metrics(String procs, String threads, String cpuStat, String cpuMax,
            String memoryCurrent, String memoryMax, String memoryHigh, String memoryStat, String swapCurrent,
            String ioStat) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("processes", "count", CgroupFiles.countLines(procs)));
        metrics.add(Metric.gauge("threads", "count", CgroupFiles.countLines(threads)));
        Map<String, Long> cpu = CgroupFiles.parseFlatKeyed(cpuStat);
        if (cpu.containsKey("user_usec")) {
            metrics.add(Metric.counter("cpus.user.time", "seconds", cpu.get("user_usec") / 1e6));
            metrics.add(Metric.counter("cpus.system.time", "seconds", cpu.getOrDefault("system_usec", 0L) / 1e6));
        }
        addThrottling(metrics, cpu, cpu.containsKey("throttled_usec") ? cpu.get("throttled_usec") / 1e6 : Double.NaN);
        OptionalDouble limit = CgroupFiles.parseCpuMax(cpuMax);
        if (limit.isPresent()) {
            metrics.add(Metric.gauge("cpus.limit", "count", limit.getAsDouble()));
        }
        addLimit(metrics, "mem.total", CgroupFiles.parseLimit(memoryCurrent));
        addLimit(metrics, "mem.limit", CgroupFiles.parseLimit(memoryMax));
        addLimit(metrics, "mem.soft.limit", CgroupFiles.parseLimit(memoryHigh));
        Map<String, Long> stat = CgroupFiles.parseFlatKeyed(memoryStat);
        addStat(metrics, "mem.cache", stat, "file", "file");
        addStat(metrics, "mem.rss", stat, "anon", "anon");
        addStat(metrics, "mem.mapped.file", stat, "file_mapped", "file_mapped");
        addLimit(metrics, "mem.swap", CgroupFiles.parseLimit(swapCurrent));
        addStat(metrics, "mem.unevictable", stat, "unevictable", "unevictable");
        if (ioStat != null) {
            Map<String, Long> io = CgroupFiles.parseIoStat(ioStat);
            metrics.add(Metric.counter("blkio.read.bytes", "bytes", io.getOrDefault("rbytes", 0L)));
            metrics.add(Metric.counter("blkio.write.bytes", "bytes", io.getOrDefault("wbytes", 0L)));
            metrics.add(Metric.counter("blkio.read.ops", "count", io.getOrDefault("rios", 0L)));
            metrics.add(Metric.counter("blkio.write.ops", "count", io.getOrDefault("wios", 0L)));
        }
        return metrics;
    }

    private static void addThrottling(List<Metric> metrics, Map<String, Long> cpuStat, double throttledSeconds) {
        if (cpuStat.containsKey("nr_periods")) {
            metrics.add(Metric.counter("cpus.nr.periods", "count", cpuStat.get("nr_periods")));
            metrics.add(Metric.counter("cpus.nr.throttled", "count", cpuStat.getOrDefault("nr_throttled", 0L)));
        }
        if (!Double.isNaN(throttledSeconds)) {
            metrics.add(Metric.counter("cpus.throttled.time", "seconds", throttledSeconds));
        }
    }

    private static void addLimit(List<Metric> metrics, String name, OptionalLong value) {
        if (value.isPresent()) {
            metrics.add(Metric.gauge(name, "bytes", value.getAsLong()));
        }
    }

    private static void addStat(List<Metric> metrics, String name, Map<String, Long> stat, String hierarchical,
            String local) {
        Long value = stat.containsKey(hierarchical) ? stat.get(hierarchical) : stat.get(local);
        if (value != null) {
            metrics.add(Metric.gauge(name, "bytes", value));
        }
    }
}
