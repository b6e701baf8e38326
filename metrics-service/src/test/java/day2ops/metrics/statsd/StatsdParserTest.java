package day2ops.metrics.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatsdParserTest {

    private static StatsdSample only(String line) throws MalformedStatsdException {
        List<StatsdSample> samples = StatsdParser.parseLine(line);
        assertEquals(1, samples.size(), samples.toString());
        return samples.get(0);
    }

    @ParameterizedTest
    @CsvSource({"c,COUNTER", "g,GAUGE", "ms,TIMER", "h,HISTOGRAM", "s,SET", "d,DISTRIBUTION"})
    void parsesEveryType(String code, StatsdType type) throws Exception {
        StatsdSample sample = only("app.metric:42|" + code);
        assertEquals("app.metric", sample.name());
        assertEquals(type, sample.type());
        if (type == StatsdType.SET) {
            assertEquals("42", sample.setMember());
        } else {
            assertEquals(42.0, sample.value());
        }
        assertEquals(1.0, sample.sampleRate());
    }

    @Test
    void parsesSampleRate() throws Exception {
        StatsdSample sample = only("hits:3|c|@0.25");
        assertEquals(0.25, sample.sampleRate());
        assertEquals(3.0, sample.value());
    }

    @Test
    void signedGaugeValuesAreDeltas() throws Exception {
        assertTrue(only("g:+5|g").delta());
        StatsdSample minus = only("g:-2.5|g");
        assertTrue(minus.delta());
        assertEquals(-2.5, minus.value());
        assertFalse(only("g:7|g").delta());
    }

    @Test
    void signIsNotADeltaForCounters() throws Exception {
        StatsdSample sample = only("c:-1|c");
        assertFalse(sample.delta());
        assertEquals(-1.0, sample.value());
    }

    @Test
    void parsesSeveralValuesInOneLine() throws Exception {
        List<StatsdSample> samples = StatsdParser.parseLine("foo:1|c:2|ms:3|g");
        assertEquals(List.of(StatsdType.COUNTER, StatsdType.TIMER, StatsdType.GAUGE),
                samples.stream().map(StatsdSample::type).toList());
        assertEquals(List.of(1.0, 2.0, 3.0), samples.stream().map(StatsdSample::value).toList());
        assertTrue(samples.stream().allMatch(s -> s.name().equals("foo")));
    }

    @Test
    void valuesWithoutTypeTakeTheNextType() throws Exception {
        List<StatsdSample> samples = StatsdParser.parseLine("latency:1:2:3|d");
        assertEquals(3, samples.size());
        assertTrue(samples.stream().allMatch(s -> s.type() == StatsdType.DISTRIBUTION));
    }

    @Test
    void parsesDogStatsdTags() throws Exception {
        StatsdSample sample = only("req:1|c|@0.5|#env:prod,region:eu-1,canary");
        assertEquals(Map.of("env", "prod", "region", "eu-1", "canary", ""), sample.tags());
        assertEquals(0.5, sample.sampleRate());
    }

    @Test
    void tagValuesMayContainColons() throws Exception {
        assertEquals(Map.of("url", "http://x:8080/"), only("req:1|c|#url:http://x:8080/").tags());
    }

    @Test
    void parsesInfluxStyleTags() throws Exception {
        StatsdSample sample = only("req,env=prod,host=a:1|c|#team:core");
        assertEquals("req", sample.name());
        assertEquals(Map.of("env", "prod", "host", "a", "team", "core"), sample.tags());
    }

    @Test
    void ignoresDogStatsdContainerAndTimestampFields() throws Exception {
        assertEquals(Map.of("a", "b"), only("x:1|c|#a:b|c:abc123|T1656581400").tags());
    }

    @Test
    void splitsPacketsIntoLines() {
        assertEquals(List.of("a:1|c", "b:2|g", "c:3|ms"), StatsdParser.lines("a:1|c\nb:2|g\r\n\n  \nc:3|ms\n"));
    }

    @Test
    void setMembersAreStrings() throws Exception {
        StatsdSample sample = only("users:alice|s");
        assertEquals("alice", sample.setMember());
        assertNull(only("x:1|c").setMember());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon", ":1|c", "x:1", "x:1|", "x:1|zz", "x:abc|c", "x:1|c|@0", "x:1|c|@1.5",
            "x:1|c|@abc", "x:NaN|g", "x:Infinity|c", "x:1e999|c", "x:|c", "x:1|c|#", "x,bad:1|c", "x:1|c|extra",
            "x:1|s:2", "x y:1|c", "x:1|c|#:v", "x:0x10|c", "x:1d|c"})
    void rejectsMalformedLines(String line) {
        assertThrows(MalformedStatsdException.class, () -> StatsdParser.parseLine(line));
    }
}
