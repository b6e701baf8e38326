package day2ops.metrics.statsd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses StatsD lines. Grammar (one line):
 *
 * <pre>
 * name[,tag=value...]:spec[:spec...][|#tag[:value][,tag...]][|c:container][|Ttimestamp]
 * spec = value[|type[|@rate]]     a spec without a type takes the type of the next one (DogStatsD 1.1 "1:2:3|d")
 * </pre>
 *
 * Types {@code c g ms h s d}; a gauge value with a sign is a delta; the rate must lie in (0, 1].
 */
public final class StatsdParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_NAME_LENGTH = 512;

    private StatsdParser() {
    }

    /** Splits a datagram into lines (LF or CRLF); blank lines are not lines. */
    public static List<String> lines(String packet) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= packet.length(); i++) {
            if (i == packet.length() || packet.charAt(i) == '\n') {
                String line = packet.substring(start, i);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (!line.isBlank()) {
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Parses one line into its samples (several for multi-value lines). */
    public static List<StatsdSample> parseLine(String line) throws MalformedStatsdException {
        String text = line.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new MalformedStatsdException("no ':' after the metric name");
        }
        TreeMap<String, String> tags = new TreeMap<>();
        String name = parseNameAndInfluxTags(text.substring(0, colon), tags);

        String rest = text.substring(colon + 1);
        String body = rest;
        int tagStart = rest.indexOf("|#");
        if (tagStart >= 0) {
            body = rest.substring(0, tagStart);
            String[] trailing = rest.substring(tagStart + 2).split("\\|", -1);
            parseDogTags(trailing[0], tags);
            for (int i = 1; i < trailing.length; i++) {
                if (!trailing[i].startsWith("c:") && !trailing[i].startsWith("T")) {
                    throw new MalformedStatsdException("unknown field '|" + trailing[i] + "' after tags");
                }
            }
        }
        SortedMap<String, String> frozen = tags.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(tags);

        List<StatsdSample> samples = new ArrayList<>();
        List<String> untyped = new ArrayList<>();
        for (String spec : body.split(":", -1)) {
            String[] fields = spec.split("\\|", -1);
            if (fields.length == 1) {
                untyped.add(fields[0]);
                continue;
            }
            StatsdType type = StatsdType.fromCode(fields[1]);
            if (type == null) {
                throw new MalformedStatsdException("unknown type '" + fields[1] + "'");
            }
            double rate = 1.0;
            for (int i = 2; i < fields.length; i++) {
                if (fields[i].startsWith("@") && i == 2) {
                    rate = parseRate(fields[i].substring(1));
                } else if (!fields[i].startsWith("c:") && !fields[i].startsWith("T")) {
                    throw new MalformedStatsdException("unknown field '|" + fields[i] + "'");
                }
            }
            for (String value : untyped) {
                samples.add(sample(name, type, value, rate, frozen));
            }
            untyped.clear();
            samples.add(sample(name, type, fields[0], rate, frozen));
        }
        if (!untyped.isEmpty()) {
            throw new MalformedStatsdException("value '" + untyped.get(0) + "' has no type");
        }
        return samples;
    }

    private static String parseNameAndInfluxTags(String raw, TreeMap<String, String> tags)
            throws MalformedStatsdException {
        String[] parts = raw.split(",", -1);
        String name = parts[0].strip();
        if (name.isEmpty()) {
            throw new MalformedStatsdException("empty metric name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new MalformedStatsdException("metric name longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '|' || c == '#' || c == '@') {
                throw new MalformedStatsdException("metric name contains a control, blank or reserved character");
            }
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new MalformedStatsdException("Influx tag '" + parts[i] + "' is not key=value");
            }
            tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return name;
    }

    private static void parseDogTags(String raw, TreeMap<String, String> tags) throws MalformedStatsdException {
        if (raw.isEmpty()) {
            throw new MalformedStatsdException("empty tag list after '|#'");
        }
        for (String tag : raw.split(",")) {
            if (tag.isEmpty()) {
                continue;
            }
            int colon = tag.indexOf(':');
            if (colon == 0) {
                throw new MalformedStatsdException("tag '" + tag + "' has no key");
            }
            if (colon < 0) {
                tags.put(tag, "");
            } else {
                tags.put(tag.substring(0, colon), tag.substring(colon + 1));
            }
        }
    }

    private static double parseRate(String raw) throws MalformedStatsdException {
        if (!NUMBER.matcher(raw).matches()) {
            throw new MalformedStatsdException("sample rate '" + raw + "' is not a number");
        }
        double rate = Double.parseDouble(raw);
        if (!(rate > 0 && rate <= 1)) {
            throw new MalformedStatsdException("sample rate " + raw + " is not in (0, 1]");
        }
        return rate;
    }

    private static StatsdSample sample(String name, StatsdType type, String raw, double rate,
            SortedMap<String, String> tags) throws MalformedStatsdException {
        if (type == StatsdType.SET) {
            if (raw.isEmpty()) {
                throw new MalformedStatsdException("empty set member");
            }
            return new StatsdSample(name, type, 0, raw, false, rate, tags);
        }
        if (!NUMBER.matcher(raw).matches()) {
            throw new MalformedStatsdException("value '" + raw + "' is not a number");
        }
        double value = Double.parseDouble(raw);
        if (Double.isInfinite(value)) {
            throw new MalformedStatsdException("value '" + raw + "' is out of range");
        }
        boolean delta = type == StatsdType.GAUGE && (raw.charAt(0) == '+' || raw.charAt(0) == '-');
        return new StatsdSample(name, type, value, null, delta, rate, tags);
    }
}
