package day2ops.metrics.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a Prometheus text exposition (format 0.0.4). Samples are grouped by family whatever
 * order they are added in, families are written in name order, label names are sanitised, and
 * a label set already present in a family is not written twice.
 */
public final class Exposition {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The Prometheus metric types this service writes. */
    public enum Type {
        COUNTER, GAUGE, SUMMARY, HISTOGRAM;

        String text() {
            return name().toLowerCase();
        }
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final class Family {
        final Type type;
        final String help;
        final List<Sample> samples = new ArrayList<>();
        final java.util.Set<String> seen = new java.util.HashSet<>();

        Family(Type type, String help) {
            this.type = type;
            this.help = help;
        }
    }

    private final TreeMap<String, Family> families = new TreeMap<>();

    /**
     * Adds one sample to {@code family}.
     *
     * @param family the family (metric) name, already valid
     * @param sampleSuffix appended to the family name for this sample ({@code _sum}, {@code _count}, or "")
     * @param labels label names are sanitised; on a clash after sanitising the first value stays
     */
    public Exposition add(String family, Type type, String help, String sampleSuffix, Map<String, String> labels,
            double value) {
        family = PrometheusNames.withoutReservedSuffix(family, type == Type.COUNTER,
                type == Type.SUMMARY || type == Type.HISTOGRAM);
        Family f = families.computeIfAbsent(family, name -> new Family(type, help));
        if (f.type != type) {
            // One name, two types: keep the first, the exposition must stay valid.
            return this;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        new TreeMap<>(labels).forEach((name, labelValue) -> clean.putIfAbsent(PrometheusNames.labelName(name), labelValue));
        String key = sampleSuffix + clean;
        if (f.seen.add(key)) {
            f.samples.add(new Sample(family + sampleSuffix, clean, value));
        }
        return this;
    }

    public Exposition add(String family, Type type, String help, Map<String, String> labels, double value) {
        return add(family, type, help, "", labels, value);
    }

    public String render() {
        StringBuilder out = new StringBuilder(families.size() * 128);
        families.forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help)).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type.text()).append('\n');
            for (Sample sample : family.samples) {
                out.append(sample.name());
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(formatValue(sample.value())).append('\n');
            }
        });
        return out.toString();
    }

    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A quantile label value: {@code 0.5}, {@code 0.99}, {@code 0.999}. */
    public static String formatQuantile(double quantile) {
        return java.math.BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
