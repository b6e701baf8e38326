package day2ops.metrics.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

    @Test
    void parsesTypesLabelsEscapesAndSpecialValues() {
        PrometheusTextParser.Result result = PrometheusTextParser.parse("""
                # HELP http_requests_total Requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",path="/a \\"b\\"\\\\c"} 1027 1395066363000
                # TYPE latency summary
                latency{quantile="0.5"} 0.05
                latency_sum 17.5
                latency_count 300
                # TYPE size histogram
                size_bucket{le="+Inf"} 4
                free_form NaN
                this line is broken
                """);
        List<PrometheusTextParser.Sample> samples = result.samples();
        assertEquals(6, samples.size());
        assertEquals(1, result.skippedLines());
        assertEquals(Map.of("method", "post", "path", "/a \"b\"\\c"), samples.get(0).labels());
        assertEquals("counter", samples.get(0).type());
        assertEquals("latency", samples.get(2).family());
        assertEquals("summary", samples.get(2).type());
        assertEquals("histogram", samples.get(4).type());
        assertEquals(Double.POSITIVE_INFINITY, PrometheusTextParser.parseValue("+Inf"));
        assertEquals("untyped", samples.get(5).type());
        assertTrue(Double.isNaN(samples.get(5).value()));
    }
}
