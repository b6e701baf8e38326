package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import day2ops.metrics.MetricType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupParsersTest {

    /** A container's /proc/<pid>/net/dev: loopback, its veth end, and a second network. */
    static final String CONTAINER_NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:  900000    5000    0    0    0     0          0         0   900000    5000    0    0    0     0       0          0
              eth0:  102400     800    1    2    0     0          0         0   204800     900    3    4    0     0       0          0
              net1:    1000      10    0    1    0     0          0         0     2000      20    0    0    0     0       0          0
            """;

    @TempDir
    Path tempDir;

    private static Map<String, Double> byName(List<Metric> metrics) {
        return metrics.stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    @Test
    void containerNetworkSumsEveryInterfaceButLoopbackRxFromRxTxFromTx() {
        List<Metric> metrics = CgroupContainerSource.containerNetwork(CONTAINER_NET_DEV);
        assertEquals(Map.of("net.rx.bytes", 103400.0, "net.rx.packets", 810.0, "net.rx.errors", 1.0,
                "net.rx.dropped", 3.0, "net.tx.bytes", 206800.0, "net.tx.packets", 920.0, "net.tx.errors", 3.0,
                "net.tx.dropped", 4.0), byName(metrics));
        assertTrue(metrics.stream().allMatch(m -> m.type() == MetricType.COUNTER));
        assertEquals("bytes", metrics.stream().filter(m -> m.name().equals("net.tx.bytes")).findFirst().orElseThrow().unit());
        assertEquals("count", metrics.stream().filter(m -> m.name().equals("net.rx.dropped")).findFirst().orElseThrow().unit());
    }

    @Test
    void containerWithOnlyLoopbackHasZeroCounters() {
        String onlyLo = CONTAINER_NET_DEV.lines().filter(l -> !l.contains("eth0") && !l.contains("net1"))
                .collect(Collectors.joining("\n"));
        assertEquals(0.0, byName(CgroupContainerSource.containerNetwork(onlyLo)).getOrDefault("net.rx.bytes", 0.0));
    }

    @Test
    void networkCountersComeFromAProcessInTheContainersOwnNamespaceOnly() throws IOException {
        Path cgroups = tempDir.resolve("cgroup");
        Path proc = tempDir.resolve("proc");
        // isolated: its first PID is gone, the second lives in a namespace of its own
        Files.createDirectories(cgroups.resolve("mesos/isolated"));
        Files.writeString(cgroups.resolve("mesos/isolated/cgroup.procs"), "99\n100\n");
        // host-networked: its process shares the service's namespace
        Files.createDirectories(cgroups.resolve("mesos/host-networked"));
        Files.writeString(cgroups.resolve("mesos/host-networked/cgroup.procs"), "200\n");
        namespace(proc.resolve("self"), "net:[4026531840]");
        namespace(proc.resolve("100"), "net:[4026532999]");
        Files.writeString(proc.resolve("100/net/dev"), CONTAINER_NET_DEV);
        namespace(proc.resolve("200"), "net:[4026531840]");
        Files.writeString(proc.resolve("200/net/dev"), CONTAINER_NET_DEV);

        CgroupContainerSource source = new CgroupContainerSource(cgroups, "mesos", CgroupContainerSource.Version.V2,
                proc, Clock.systemUTC());
        Map<String, Map<String, Double>> byContainer = source.containers().stream()
                .collect(Collectors.toMap(ContainerSample::containerId, sample -> byName(sample.metrics())));

        assertEquals(103400.0, byContainer.get("isolated").get("net.rx.bytes"));
        assertEquals(920.0, byContainer.get("isolated").get("net.tx.packets"));
        assertFalse(byContainer.get("host-networked").containsKey("net.rx.bytes"),
                "a host-networked container must not report the host's counters");
        assertEquals(1.0, byContainer.get("host-networked").get("processes"));
    }

    private static void namespace(Path process, String identity) throws IOException {
        Files.createDirectories(process.resolve("ns"));
        Files.createDirectories(process.resolve("net"));
        Files.createSymbolicLink(process.resolve("ns/net"), Path.of(identity));
    }

    @Test
    void v2FilesBecomeContainerDatapoints() {
        List<Metric> metrics = CgroupContainerSource.v2Metrics("10\n11\n", "10\n11\n12\n",
                "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\nnr_periods 50\nnr_throttled 5\nthrottled_usec 200000\n",
                "150000 100000\n", "104857600\n", "max\n", "209715200\n",
                "anon 52428800\nfile 20971520\nfile_mapped 1048576\nunevictable 4096\n", "0\n",
                "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=4096 wbytes=0 rios=1 wios=0\n");
        Map<String, Double> v = byName(metrics);
        assertEquals(2.0, v.get("processes"));
        assertEquals(3.0, v.get("threads"));
        assertEquals(2.5, v.get("cpus.user.time"));
        assertEquals(1.0, v.get("cpus.system.time"));
        assertEquals(0.2, v.get("cpus.throttled.time"));
        assertEquals(50.0, v.get("cpus.nr.periods"));
        assertEquals(5.0, v.get("cpus.nr.throttled"));
        assertEquals(1.5, v.get("cpus.limit"));
        assertEquals(104857600.0, v.get("mem.total"));
        assertFalse(v.containsKey("mem.limit"), "memory.max 'max' means no limit");
        assertEquals(209715200.0, v.get("mem.soft.limit"));
        assertEquals(52428800.0, v.get("mem.rss"));
        assertEquals(20971520.0, v.get("mem.cache"));
        assertEquals(1048576.0, v.get("mem.mapped.file"));
        assertEquals(0.0, v.get("mem.swap"));
        assertEquals(4096.0, v.get("mem.unevictable"));
        assertEquals(8192.0, v.get("blkio.read.bytes"));
        assertEquals(8192.0, v.get("blkio.write.bytes"));
        assertEquals(MetricType.COUNTER, metrics.stream().filter(m -> m.name().equals("cpus.user.time")).findFirst()
                .orElseThrow().type());
    }

    @Test
    void v1UnlimitedMemoryAndMissingControllersAreOmitted() {
        Map<String, Double> v = byName(CgroupContainerSource.v1Metrics("1\n", "1\n", "user 150\nsystem 50\n", null,
                "-1\n", "100000\n", "4096\n", "9223372036854771712\n", null, null, null, null));
        assertEquals(1.5, v.get("cpus.user.time"));
        assertEquals(0.5, v.get("cpus.system.time"));
        assertFalse(v.containsKey("cpus.limit"), "quota -1 means no limit");
        assertFalse(v.containsKey("mem.limit"));
        assertFalse(v.containsKey("cpus.nr.periods"));
        assertEquals(4096.0, v.get("mem.total"));
    }

    @Test
    void blkioSumsReadAndWriteRowsOverDevices() {
        Map<String, Long> totals = CgroupFiles.parseBlkio(
                "8:0 Read 100\n8:0 Write 200\n8:0 Total 300\n8:16 Read 1\n8:16 Write 2\nTotal 303\n");
        assertEquals(101L, totals.get("Read"));
        assertEquals(202L, totals.get("Write"));
    }

    @Test
    void cpuMaxWithoutQuotaIsUnlimited() {
        assertTrue(CgroupFiles.parseCpuMax("max 100000\n").isEmpty());
        assertEquals(0.5, CgroupFiles.parseCpuMax("50000 100000").getAsDouble());
    }
}
