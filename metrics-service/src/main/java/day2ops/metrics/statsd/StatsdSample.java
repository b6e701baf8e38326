package day2ops.metrics.statsd;

import java.util.SortedMap;

/**
 * One value from one StatsD line.
 *
 * @param name the metric name as sent
 * @param type its type
 * @param value the number (0 for sets)
 * @param setMember the member for sets, null otherwise
 * @param delta for gauges: whether {@code value} is a signed change ({@code +n}/{@code -n}) rather than a new value
 * @param sampleRate the {@code @r} rate in (0, 1], 1 when absent
 * @param tags DogStatsD ({@code |#k:v}) and Influx-style ({@code name,k=v}) tags together
 */
public record StatsdSample(String name, StatsdType type, double value, String setMember, boolean delta,
        double sampleRate, SortedMap<String, String> tags) {
}
