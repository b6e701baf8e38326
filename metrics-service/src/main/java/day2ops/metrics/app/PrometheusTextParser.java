package day2ops.metrics.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text format (0.0.4) an application exposes: {@code # TYPE} lines and
 * samples {@code name{label="value",...} value [timestamp]}. Lines that do not parse are skipped
 * and counted; the rest of the scrape is kept.
 */
public final class PrometheusTextParser {

    /** One parsed sample with the family it belongs to and that family's type ({@code untyped} when undeclared). */
    public record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    /** All samples of one scrape, and how many lines were skipped. */
    public record Result(List<Sample> samples, int skippedLines) {
    }

    private PrometheusTextParser() {
    }

    public static Result parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        int skipped = 0;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split("\\s+", 4);
                if (parts.length >= 4 && parts[1].equals("TYPE")) {
                    types.put(parts[2], parts[3].trim());
                }
                continue;
            }
            try {
                samples.add(parseSample(line, types));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                skipped++;
            }
        }
        return new Result(samples, skipped);
    }

    private static Sample parseSample(String line, Map<String, String> types) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
                    i++;
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                i = eq + 1;
                if (line.charAt(i) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                i++;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                i++;
                labels.put(key, value.toString());
            }
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        double value = parseValue(rest[0]);
        String family = familyOf(name, types);
        return new Sample(family, types.getOrDefault(family, "untyped"), name, labels, value);
    }

    static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The declared family a sample belongs to: itself, or a histogram/summary/counter family it is a part of. */
    private static String familyOf(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }
}
