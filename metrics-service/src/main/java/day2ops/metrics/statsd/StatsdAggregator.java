package day2ops.metrics.statsd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Aggregates the samples one listener receives, StatsD style, and turns each flush interval
 * into a {@link StatsdSnapshot}:
 * <ul>
 *   <li>counters: events in the last interval ({@code value / rate} summed) and the cumulative total;</li>
 *   <li>gauges: the last value, moved by signed deltas, kept across intervals;</li>
 *   <li>timers, histograms, distributions: count and sum weighted by {@code 1/rate}, min, max,
 *       mean and the configured percentiles (nearest rank) over the last interval, plus the
 *       cumulative count and sum a Prometheus summary needs;</li>
 *   <li>sets: distinct members in the last interval.</li>
 * </ul>
 * A series not updated for the expiry duration is dropped at the next flush, all its state with
 * it: a counter that comes back later starts its cumulative total from zero again, which
 * Prometheus' {@code rate()} and {@code increase()} read as a counter reset.
 * Thread-safe: the listener adds, the flusher flushes.
 */
public final class StatsdAggregator {

    /** A metric's identity: name, type and tags. */
    public record Key(String name, StatsdType type, SortedMap<String, String> tags) {
    }

    private static final class Counter {
        double window;
        double total;
    }

    private static final class Sampled {
        double[] values = new double[16];
        int size;
        double weightedCount;
        double weightedSum;
        double totalCount;
        double totalSum;

        void add(double value, double weight) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            weightedCount += weight;
            weightedSum += value * weight;
            totalCount += weight;
            totalSum += value * weight;
        }
    }

    private final List<Double> percentiles;
    private final Map<Key, Counter> counters = new HashMap<>();
    private final Map<Key, Double> gauges = new HashMap<>();
    private final Map<Key, Sampled> sampled = new HashMap<>();
    private final Map<Key, Set<String>> sets = new HashMap<>();
    private final Set<Key> seenSets = new HashSet<>();
    /** Keys updated in the current interval. */
    private final Set<Key> touched = new HashSet<>();
    /** End of the last interval in which each key was updated. */
    private final Map<Key, Instant> lastUpdated = new HashMap<>();
    private final Duration expiry;
    private Instant windowStart;

    /** An aggregator whose series never expire. */
    public StatsdAggregator(List<Double> percentiles, Instant start) {
        this(percentiles, Duration.ZERO, start);
    }

    /** @param expiry how long a series may go without updates before it is dropped; zero or negative: never */
    public StatsdAggregator(List<Double> percentiles, Duration expiry, Instant start) {
        this.percentiles = List.copyOf(percentiles);
        this.expiry = expiry;
        this.windowStart = start;
    }

    public synchronized void add(StatsdSample sample) {
        Key key = new Key(sample.name(), canonical(sample.type()), sample.tags());
        touched.add(key);
        double weight = 1.0 / sample.sampleRate();
        switch (key.type()) {
            case COUNTER -> {
                Counter counter = counters.computeIfAbsent(key, k -> new Counter());
                counter.window += sample.value() * weight;
                counter.total += sample.value() * weight;
            }
            case GAUGE -> {
                if (sample.delta()) {
                    gauges.merge(key, sample.value(), Double::sum);
                } else {
                    gauges.put(key, sample.value());
                }
            }
            case SET -> {
                sets.computeIfAbsent(key, k -> new HashSet<>()).add(sample.setMember());
                seenSets.add(key);
            }
            default -> sampled.computeIfAbsent(key, k -> new Sampled()).add(sample.value(), weight);
        }
    }

    /** Closes the current interval at {@code now}: returns its snapshot and starts the next interval. */
    public synchronized StatsdSnapshot flush(Instant now) {
        expire(now);
        double seconds = Math.max(Duration.between(windowStart, now).toMillis() / 1000.0, 0.001);
        List<StatsdSnapshot.Series> series = new ArrayList<>();
        counters.forEach((key, counter) -> {
            series.add(StatsdSnapshot.Series.counter(key, counter.window, counter.window / seconds, counter.total));
            counter.window = 0;
        });
        gauges.forEach((key, value) -> series.add(StatsdSnapshot.Series.gauge(key, value)));
        sampled.forEach((key, s) -> {
            series.add(summarize(key, s));
            s.size = 0;
            s.weightedCount = 0;
            s.weightedSum = 0;
        });
        for (Key key : seenSets) {
            Set<String> members = sets.remove(key);
            series.add(StatsdSnapshot.Series.set(key, members == null ? 0 : members.size()));
        }
        series.sort((a, b) -> a.sortKey().compareTo(b.sortKey()));
        StatsdSnapshot snapshot = new StatsdSnapshot(now, series);
        windowStart = now;
        return snapshot;
    }

    /** Drops the series whose last update lies more than the expiry before {@code now}. */
    private void expire(Instant now) {
        for (Key key : touched) {
            lastUpdated.put(key, now);
        }
        touched.clear();
        if (expiry.isZero() || expiry.isNegative()) {
            return;
        }
        Instant cutoff = now.minus(expiry);
        lastUpdated.entrySet().removeIf(entry -> {
            if (!entry.getValue().isBefore(cutoff)) {
                return false;
            }
            Key key = entry.getKey();
            counters.remove(key);
            gauges.remove(key);
            sampled.remove(key);
            sets.remove(key);
            seenSets.remove(key);
            return true;
        });
    }

    private StatsdSnapshot.Series summarize(Key key, Sampled s) {
        double[] sorted = Arrays.copyOf(s.values, s.size);
        Arrays.sort(sorted);
        TreeMap<Double, Double> quantiles = new TreeMap<>();
        for (double p : percentiles) {
            quantiles.put(p, percentile(sorted, p));
        }
        double min = sorted.length == 0 ? Double.NaN : sorted[0];
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        double mean = s.weightedCount == 0 ? Double.NaN : s.weightedSum / s.weightedCount;
        return StatsdSnapshot.Series.sampled(key, s.weightedCount, s.weightedSum, min, max, mean, quantiles,
                s.totalCount, s.totalSum);
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    /** Timers, histograms and distributions share one aggregation, so they share one key space. */
    private static StatsdType canonical(StatsdType type) {
        return type.isSampled() ? StatsdType.TIMER : Objects.requireNonNull(type);
    }
}
