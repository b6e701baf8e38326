package day2ops.metrics.collector;

import static day2ops.metrics.collector.MetricAssertions.assertValue;
import static day2ops.metrics.collector.MetricAssertions.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import day2ops.metrics.MetricType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcParsersTest {

    @Test
    void parsesLoadavg() {
        List<Metric> metrics = LoadCollector.parseLoadavg("0.76 0.96 0.49 1/87 12870\n");
        assertValue(0.76, metrics, "load.1min");
        assertValue(0.96, metrics, "load.5min");
        assertValue(0.49, metrics, "load.15min");
        assertEquals("count", find(metrics, "load.1min").unit());
    }

    @Test
    void rejectsTruncatedLoadavg() {
        assertThrows(IllegalArgumentException.class, () -> LoadCollector.parseLoadavg("0.76 0.96"));
    }

    @Test
    void uptimeIsWholeSeconds() {
        assertValue(694, UptimeCollector.parseUptime("694.96 1052.15\n"), "system.uptime");
    }

    @Test
    void memoryIsInBytes() {
        List<Metric> metrics = MemoryCollector.parseMeminfo(
                "MemTotal:  1000 kB\nMemFree: 400 kB\nBuffers: 10 kB\nCached: 90 kB\nHugePages_Total: 0\n");
        assertValue(1000 * 1024, metrics, "memory.total");
        assertValue(400 * 1024, metrics, "memory.free");
        assertValue(10 * 1024, metrics, "memory.buffers");
        assertValue(90 * 1024, metrics, "memory.cached");
    }

    @Test
    void memoryWithoutMemTotalFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryCollector.parseMeminfo("MemFree: 400 kB\n"));
        assertTrue(e.getMessage().contains("MemTotal"), e.getMessage());
    }

    @Test
    void swapUsedIsTotalMinusFree() {
        List<Metric> metrics = SwapCollector.parseMeminfo("SwapTotal: 2048 kB\nSwapFree: 512 kB\n");
        assertValue(2048 * 1024, metrics, "swap.total");
        assertValue(512 * 1024, metrics, "swap.free");
        assertValue(1536 * 1024, metrics, "swap.used");
    }

    @Test
    void countsPidsNotOtherEntries() {
        assertEquals(3, ProcessesCollector.countPids(List.of("1", "42", "self", "net", "1234", "thread-self", "")));
    }

    @Test
    void parsesStatAndCountsCores() {
        CpuCollector.CpuTimes times = CpuCollector.parseStat(
                "cpu  100 10 50 800 40 0 0 0 0 0\ncpu0 50 5 25 400 20 0 0 0 0 0\ncpu1 50 5 25 400 20 0 0 0 0 0\nintr 1\n");
        assertEquals(100, times.user());
        assertEquals(800, times.idle());
        assertEquals(2, times.cores());
    }

    @Test
    void cpuPercentagesComeFromTheDeltaBetweenReadings() {
        CpuCollector.CpuTimes before = CpuCollector.parseStat("cpu  100 0 100 800 0 0 0 0\ncpu0 1\n");
        // +30 user, +10 nice, +20 system, +5 irq, +5 softirq, +100 idle, +20 iowait, +10 steal = 200 jiffies
        CpuCollector.CpuTimes after = CpuCollector.parseStat("cpu  130 10 120 900 20 5 5 10\ncpu0 1\n");
        List<Metric> metrics = CpuCollector.percentages(before, after);
        assertValue(20.0, metrics, "cpu.user");
        assertValue(15.0, metrics, "cpu.system");
        assertValue(50.0, metrics, "cpu.idle");
        assertValue(10.0, metrics, "cpu.wait");
        assertValue(40.0, metrics, "cpu.total");
        assertValue(1, metrics, "cpu.cores");
    }

    @Test
    void cpuPercentagesHaveTwoDecimals() {
        CpuCollector.CpuTimes before = CpuCollector.parseStat("cpu  0 0 0 0 0 0 0 0\n");
        CpuCollector.CpuTimes after = CpuCollector.parseStat("cpu  1 0 0 2 0 0 0 0\n");
        assertValue(33.33, CpuCollector.percentages(before, after), "cpu.user");
    }

    @Test
    void cpuPercentagesAreNanWithoutElapsedTime() {
        CpuCollector.CpuTimes same = CpuCollector.parseStat("cpu  1 0 0 2 0 0 0 0\n");
        assertTrue(Double.isNaN(find(CpuCollector.percentages(same, same), "cpu.total").value()));
    }

    @Test
    void cpuCountersGoingBackwardsRestartFromBoot() {
        CpuCollector.CpuTimes before = CpuCollector.parseStat("cpu  1000 0 0 1000 0 0 0 0\n");
        CpuCollector.CpuTimes after = CpuCollector.parseStat("cpu  10 0 0 30 0 0 0 0\n");
        assertValue(25.0, CpuCollector.percentages(before, after), "cpu.user");
    }

    @Test
    void networkCountersPerInterface() {
        List<Metric> metrics = NetworkCollector.parseNetDev("""
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                  eth0: 2158 93 3 7 0 0 0 0 1367 74 1 2 0 0 0 0
                """);
        Map<String, String> eth0 = Map.of("interface", "eth0");
        assertValue(2158, metrics, "network.in", eth0);
        assertValue(93, metrics, "network.in.packets", eth0);
        assertValue(3, metrics, "network.in.errors", eth0);
        assertValue(7, metrics, "network.in.dropped", eth0);
        assertValue(1367, metrics, "network.out", eth0);
        assertValue(74, metrics, "network.out.packets", eth0);
        assertValue(1, metrics, "network.out.errors", eth0);
        assertValue(2, metrics, "network.out.dropped", eth0);
        assertEquals(MetricType.COUNTER, find(metrics, "network.in", eth0).type());
        assertEquals(8, metrics.size());
    }

    @Test
    void mountsSkipPseudoFilesystemsAndDecodeEscapes() {
        List<String> points = FilesystemCollector.parseMounts("""
                proc /proc proc rw 0 0
                /dev/vda / ext4 rw 0 0
                tmpfs /dev/shm tmpfs rw 0 0
                cgroup /sys/fs/cgroup/cpu cgroup rw 0 0
                overlay /var/lib/docker/x overlay rw 0 0
                /dev/vdc /mnt/data\\040disk ext4 rw 0 0
                /dev/vda / ext4 rw 0 0
                """);
        assertEquals(List.of("/", "/mnt/data disk"), points);
    }

    @Test
    void statfsOutputBecomesCapacityAndInodes() {
        List<Metric> metrics = FilesystemCollector.toMetrics(FilesystemCollector.parseStatOutput(
                "4096 100 40 30 1000 250 /mnt/data disk\n"));
        Map<String, String> path = Map.of("path", "/mnt/data disk");
        assertValue(409600, metrics, "filesystem.capacity.total", path);
        assertValue(245760, metrics, "filesystem.capacity.used", path);
        assertValue(122880, metrics, "filesystem.capacity.free", path);
        assertValue(1000, metrics, "filesystem.inode.total", path);
        assertValue(750, metrics, "filesystem.inode.used", path);
        assertValue(250, metrics, "filesystem.inode.free", path);
    }

    @Test
    void statfsOutputWithTooFewFieldsFails() {
        assertThrows(IllegalArgumentException.class, () -> FilesystemCollector.parseStatOutput("4096 100 /\n"));
    }
}
