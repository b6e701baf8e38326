package day2ops.metrics.statsd;

import day2ops.metrics.prometheus.Exposition;
import day2ops.metrics.prometheus.PrometheusNames;
import day2ops.metrics.rest.Datapoint;
import day2ops.metrics.rest.V0Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * StatsD aggregates as v0 datapoints and as Prometheus series.
 *
 * <p>v0: a counter {@code c} gives {@code c} (events in the last interval) and {@code c.total};
 * a gauge its value; a timer {@code t} gives {@code t.count|sum|min|max|mean} and
 * {@code t.p50…}; a set its distinct count. StatsD tags become datapoint tags.
 *
 * <p>Prometheus: counters are {@code <name>_total} counters (cumulative), gauges and sets gauges,
 * timers/histograms/distributions summaries (quantiles over the last interval, cumulative
 * {@code _sum}/{@code _count}).
 */
public final class StatsdFormats {

    private StatsdFormats() {
    }

    public static List<Datapoint> datapoints(StatsdSnapshot snapshot, Map<String, String> extraTags) {
        List<Datapoint> out = new ArrayList<>();
        String timestamp = V0Format.timestamp(snapshot.timestamp());
        for (StatsdSnapshot.Series s : snapshot.series()) {
            Map<String, String> tags = new TreeMap<>(extraTags);
            tags.putAll(s.key().tags());
            Map<String, String> t = tags.isEmpty() ? null : tags;
            String name = s.key().name();
            switch (s.key().type()) {
                case COUNTER -> {
                    out.add(new Datapoint(name, s.count(), "count", timestamp, t));
                    out.add(new Datapoint(name + ".total", s.total(), "count", timestamp, t));
                }
                case GAUGE -> out.add(new Datapoint(name, s.value(), "", timestamp, t));
                case SET -> out.add(new Datapoint(name, s.count(), "count", timestamp, t));
                default -> {
                    out.add(new Datapoint(name + ".count", s.count(), "count", timestamp, t));
                    out.add(new Datapoint(name + ".sum", s.sum(), "", timestamp, t));
                    out.add(new Datapoint(name + ".min", s.min(), "", timestamp, t));
                    out.add(new Datapoint(name + ".max", s.max(), "", timestamp, t));
                    out.add(new Datapoint(name + ".mean", s.mean(), "", timestamp, t));
                    s.quantiles().forEach((p, v) -> out.add(new Datapoint(name + "." + percentileName(p), v, "",
                            timestamp, t)));
                }
            }
        }
        return out;
    }

    /** {@code 99} → {@code p99}, {@code 99.9} → {@code p99_9}. */
    static String percentileName(double percent) {
        if (percent == Math.rint(percent)) {
            return "p" + (long) percent;
        }
        return "p" + Double.toString(percent).replace('.', '_');
    }

    /** Writes a snapshot's series with {@code labels} added to each (tags win over labels of the same name). */
    public static void expose(StatsdSnapshot snapshot, Map<String, String> labels, Exposition out) {
        for (StatsdSnapshot.Series s : snapshot.series()) {
            Map<String, String> all = new TreeMap<>(labels);
            all.putAll(s.key().tags());
            String base = PrometheusNames.metricName(s.key().name());
            String help = "StatsD " + s.key().type().name().toLowerCase() + " " + s.key().name();
            switch (s.key().type()) {
                case COUNTER -> out.add(base.endsWith("_total") ? base : base + "_total", Exposition.Type.COUNTER,
                        help, all, s.total());
                case GAUGE -> out.add(base, Exposition.Type.GAUGE, help, all, s.value());
                case SET -> out.add(base, Exposition.Type.GAUGE, help, all, s.count());
                default -> {
                    all.remove("quantile");
                    for (Map.Entry<Double, Double> q : s.quantiles().entrySet()) {
                        Map<String, String> withQuantile = new TreeMap<>(all);
                        withQuantile.put("quantile", Exposition.formatQuantile(q.getKey() / 100.0));
                        out.add(base, Exposition.Type.SUMMARY, help, "", withQuantile, q.getValue());
                    }
                    out.add(base, Exposition.Type.SUMMARY, help, "_sum", all, s.totalSum());
                    out.add(base, Exposition.Type.SUMMARY, help, "_count", all, s.total());
                }
            }
        }
    }

    /** Self-metrics of every listener: packets, parsed and malformed lines, kernel drops. */
    public static void exposeSelf(Iterable<StatsdListener> listeners, Exposition out) {
        for (StatsdListener listener : listeners) {
            Map<String, String> labels = Map.of("listener", listener.id());
            out.add("day2ops_statsd_packets_received_total", Exposition.Type.COUNTER,
                    "StatsD datagrams received", labels, listener.packetsReceived());
            out.add("day2ops_statsd_lines_parsed_total", Exposition.Type.COUNTER,
                    "StatsD lines parsed and aggregated", labels, listener.linesParsed());
            out.add("day2ops_statsd_lines_malformed_total", Exposition.Type.COUNTER,
                    "StatsD lines that did not parse and were dropped", labels, listener.linesMalformed());
            out.add("day2ops_statsd_kernel_drops_total", Exposition.Type.COUNTER,
                    "StatsD datagrams the kernel dropped on the socket (receive buffer full), as of the last flush",
                    labels, listener.kernelDrops());
        }
    }
}
