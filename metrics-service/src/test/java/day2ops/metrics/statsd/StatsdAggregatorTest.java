package day2ops.metrics.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsdAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    private final StatsdAggregator aggregator = new StatsdAggregator(List.of(50.0, 90.0, 99.0), T0);

    private void send(String... lines) throws MalformedStatsdException {
        for (String line : lines) {
            for (StatsdSample sample : StatsdParser.parseLine(line)) {
                aggregator.add(sample);
            }
        }
    }

    private static StatsdSnapshot.Series series(StatsdSnapshot snapshot, String name, StatsdType type) {
        return snapshot.series().stream().filter(s -> s.key().name().equals(name) && s.key().type() == type)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + snapshot));
    }

    @Test
    void countersGiveCountRateAndCumulativeTotal() throws Exception {
        send("hits:3|c", "hits:2|c", "hits:1|c|@0.5");
        StatsdSnapshot first = aggregator.flush(T0.plusSeconds(10));
        StatsdSnapshot.Series hits = series(first, "hits", StatsdType.COUNTER);
        assertEquals(7.0, hits.count());
        assertEquals(0.7, hits.rate(), 1e-9);
        assertEquals(7.0, hits.total());

        send("hits:1|c");
        StatsdSnapshot second = aggregator.flush(T0.plusSeconds(20));
        assertEquals(1.0, series(second, "hits", StatsdType.COUNTER).count());
        assertEquals(8.0, series(second, "hits", StatsdType.COUNTER).total());

        StatsdSnapshot idle = aggregator.flush(T0.plusSeconds(30));
        assertEquals(0.0, series(idle, "hits", StatsdType.COUNTER).count());
        assertEquals(8.0, series(idle, "hits", StatsdType.COUNTER).total());
    }

    private static boolean has(StatsdSnapshot snapshot, String name) {
        return snapshot.series().stream().anyMatch(s -> s.key().name().equals(name));
    }

    @Test
    void idleSeriesExpireAndACounterComingBackStartsItsTotalAfresh() throws Exception {
        StatsdAggregator expiring = new StatsdAggregator(List.of(50.0), Duration.ofMinutes(5), T0);
        for (String line : List.of("hits:4|c", "queue:7|g", "lat:3|ms", "users:a|s")) {
            StatsdParser.parseLine(line).forEach(expiring::add);
        }
        StatsdSnapshot first = expiring.flush(T0.plusSeconds(10));
        assertEquals(4, first.series().size());

        // Idle but within the expiry: still reported, the counter's total kept.
        StatsdSnapshot idle = expiring.flush(T0.plus(Duration.ofMinutes(5)).plusSeconds(10));
        assertEquals(4.0, series(idle, "hits", StatsdType.COUNTER).total());
        assertEquals(7.0, series(idle, "queue", StatsdType.GAUGE).value());

        StatsdParser.parseLine("queue:8|g").forEach(expiring::add);
        StatsdSnapshot expired = expiring.flush(T0.plus(Duration.ofMinutes(5)).plusSeconds(20));
        assertTrue(!has(expired, "hits") && !has(expired, "lat") && !has(expired, "users"), expired.toString());
        assertEquals(8.0, series(expired, "queue", StatsdType.GAUGE).value(), "updated series stay");

        StatsdParser.parseLine("hits:2|c").forEach(expiring::add);
        StatsdSnapshot back = expiring.flush(T0.plus(Duration.ofMinutes(5)).plusSeconds(30));
        assertEquals(2.0, series(back, "hits", StatsdType.COUNTER).total(), "a returning counter restarts from zero");
    }

    @Test
    void seriesNeverExpireWithoutAnExpiry() throws Exception {
        send("hits:4|c");
        aggregator.flush(T0.plusSeconds(10));
        assertEquals(4.0, series(aggregator.flush(T0.plus(Duration.ofDays(30))), "hits", StatsdType.COUNTER).total());
    }

    @Test
    void gaugesKeepLastValueAndApplyDeltas() throws Exception {
        send("queue:10|g", "queue:+5|g", "queue:-3|g");
        assertEquals(12.0, series(aggregator.flush(T0.plusSeconds(10)), "queue", StatsdType.GAUGE).value());
        assertEquals(12.0, series(aggregator.flush(T0.plusSeconds(20)), "queue", StatsdType.GAUGE).value());
        send("queue:4|g");
        assertEquals(4.0, series(aggregator.flush(T0.plusSeconds(30)), "queue", StatsdType.GAUGE).value());
    }

    @Test
    void timersGiveCountSumMinMaxMeanAndPercentiles() throws Exception {
        for (int i = 1; i <= 100; i++) {
            send("latency:" + i + "|ms");
        }
        StatsdSnapshot.Series latency = series(aggregator.flush(T0.plusSeconds(10)), "latency", StatsdType.TIMER);
        assertEquals(100.0, latency.count());
        assertEquals(5050.0, latency.sum());
        assertEquals(1.0, latency.min());
        assertEquals(100.0, latency.max());
        assertEquals(50.5, latency.mean());
        assertEquals(Map.of(50.0, 50.0, 90.0, 90.0, 99.0, 99.0), latency.quantiles());

        send("latency:7|ms");
        StatsdSnapshot.Series next = series(aggregator.flush(T0.plusSeconds(20)), "latency", StatsdType.TIMER);
        assertEquals(1.0, next.count());
        assertEquals(101.0, next.total(), "cumulative count for Prometheus");
        assertEquals(5057.0, next.totalSum());

        StatsdSnapshot.Series idle = series(aggregator.flush(T0.plusSeconds(30)), "latency", StatsdType.TIMER);
        assertEquals(0.0, idle.count());
        assertTrue(Double.isNaN(idle.mean()));
        assertTrue(Double.isNaN(idle.quantiles().get(99.0)));
    }

    @Test
    void sampledTimersAreWeightedByRate() throws Exception {
        send("t:10|ms|@0.1");
        StatsdSnapshot.Series t = series(aggregator.flush(T0.plusSeconds(10)), "t", StatsdType.TIMER);
        assertEquals(10.0, t.count(), 1e-9);
        assertEquals(100.0, t.sum(), 1e-9);
        assertEquals(10.0, t.mean(), 1e-9);
    }

    @Test
    void histogramsAndDistributionsAggregateLikeTimers() throws Exception {
        send("size:1|h", "size:3|d");
        StatsdSnapshot.Series size = series(aggregator.flush(T0.plusSeconds(10)), "size", StatsdType.TIMER);
        assertEquals(2.0, size.count());
        assertEquals(2.0, size.mean());
    }

    @Test
    void setsCountDistinctMembersPerInterval() throws Exception {
        send("users:alice|s", "users:bob|s", "users:alice|s");
        assertEquals(2.0, series(aggregator.flush(T0.plusSeconds(10)), "users", StatsdType.SET).count());
        send("users:carol|s");
        assertEquals(1.0, series(aggregator.flush(T0.plusSeconds(20)), "users", StatsdType.SET).count());
    }

    @Test
    void tagsSeparateSeries() throws Exception {
        send("req:1|c|#code:200", "req:1|c|#code:500", "req:1|c|#code:200");
        StatsdSnapshot snapshot = aggregator.flush(T0.plusSeconds(10));
        assertEquals(2, snapshot.series().size());
        assertEquals(Map.of("code", "200"), snapshot.series().get(0).key().tags());
        assertEquals(2.0, snapshot.series().get(0).count());
    }

    @Test
    void percentileIsNearestRank() {
        double[] values = {1, 2, 3, 4};
        assertEquals(2.0, StatsdAggregator.percentile(values, 50));
        assertEquals(4.0, StatsdAggregator.percentile(values, 99));
        assertEquals(1.0, StatsdAggregator.percentile(values, 0));
    }
}
