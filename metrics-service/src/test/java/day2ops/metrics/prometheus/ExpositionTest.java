package day2ops.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void metricNamesAreSanitised() {
        assertEquals("_9lives_total", PrometheusNames.metricName("9lives.total"));
        assertEquals("app:req_latency_ms", PrometheusNames.metricName("app:req-latency ms"));
        assertEquals("caf__", PrometheusNames.metricName("café!"));
    }

    @Test
    void labelNamesAreSanitisedAndNeverReserved() {
        assertEquals("_1st", PrometheusNames.labelName("1st"));
        assertEquals("a_b", PrometheusNames.labelName("a:b"));
        assertEquals("_name", PrometheusNames.labelName("__name"));
    }

    @Test
    void v0NamesGetUnitAndCounterSuffixes() {
        assertEquals("day2ops_node_network_in_bytes_total", PrometheusNames.fromV0("day2ops_node_", "network.in", "bytes", true));
        assertEquals("day2ops_node_cpu_total_percent", PrometheusNames.fromV0("day2ops_node_", "cpu.total", "percent", false));
        assertEquals("day2ops_node_load_1min", PrometheusNames.fromV0("day2ops_node_", "load.1min", "count", false));
    }

    @Test
    void samplesAreGroupedByFamilyWithEscapedValuesAndNoDuplicateLabels() {
        Map<String, String> clashing = new LinkedHashMap<>();
        clashing.put("a-b", "first");
        clashing.put("a_b", "second");
        String text = new Exposition()
                .add("b_gauge", Exposition.Type.GAUGE, "help with \\ and\nnewline", Map.of("path", "/x \"y\"\n"), 1.5)
                .add("a_total", Exposition.Type.COUNTER, "a counter", Map.of(), 3)
                .add("b_gauge", Exposition.Type.GAUGE, "ignored", clashing, Double.NaN)
                .add("b_gauge", Exposition.Type.GAUGE, "ignored", Map.of("path", "/x \"y\"\n"), 99)
                .add("c_count", Exposition.Type.GAUGE, "reserved suffix", Map.of(), 1)
                .render();
        assertEquals("""
                # HELP a_total a counter
                # TYPE a_total counter
                a_total 3
                # HELP b_gauge help with \\\\ and\\nnewline
                # TYPE b_gauge gauge
                b_gauge{path="/x \\"y\\"\\n"} 1.5
                b_gauge{a_b="first"} NaN
                # HELP c_count_value reserved suffix
                # TYPE c_count_value gauge
                c_count_value 1
                """, text);
    }
}
