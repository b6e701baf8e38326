package day2ops.metrics.statsd;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * The aggregates of one listener at the end of one flush interval.
 *
 * @param timestamp end of the interval
 * @param series one entry per metric (name + type + tags), sorted by name then tags
 */
public record StatsdSnapshot(Instant timestamp, List<Series> series) {

    public StatsdSnapshot {
        series = List.copyOf(series);
    }

    public static StatsdSnapshot empty(Instant timestamp) {
        return new StatsdSnapshot(timestamp, List.of());
    }

    /**
     * One aggregated metric. Fields that do not apply to the type are NaN.
     *
     * @param count counters: events in the interval; sampled: weighted count in the interval; sets: distinct members
     * @param rate counters: events per second over the interval
     * @param total counters: cumulative events; sampled: cumulative weighted count
     * @param value gauges: the current value
     * @param totalSum sampled: cumulative weighted sum
     */
    public record Series(StatsdAggregator.Key key, double count, double rate, double total, double value, double sum,
            double min, double max, double mean, SortedMap<Double, Double> quantiles, double totalSum) {

        String sortKey() {
            return key.name() + '\u0000' + key.type() + '\u0000' + key.tags();
        }

        static Series counter(StatsdAggregator.Key key, double count, double rate, double total) {
            return new Series(key, count, rate, total, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    java.util.Collections.emptySortedMap(), Double.NaN);
        }

        static Series gauge(StatsdAggregator.Key key, double value) {
            return new Series(key, Double.NaN, Double.NaN, Double.NaN, value, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, java.util.Collections.emptySortedMap(), Double.NaN);
        }

        static Series set(StatsdAggregator.Key key, int distinct) {
            return new Series(key, distinct, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, java.util.Collections.emptySortedMap(), Double.NaN);
        }

        static Series sampled(StatsdAggregator.Key key, double count, double sum, double min, double max, double mean,
                SortedMap<Double, Double> quantiles, double totalCount, double totalSum) {
            return new Series(key, count, Double.NaN, totalCount, Double.NaN, sum, min, max, mean, quantiles, totalSum);
        }
    }
}
