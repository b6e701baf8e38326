package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import day2ops.metrics.MetricType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CgroupParsersTest {

    private static Map<String, Double> byName(List<Metric> metrics) {
        return metrics.stream().collect(Collectors.toMap(Metric::name, Metric::value));
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
