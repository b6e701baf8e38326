package day2ops.metrics.prometheus;

/** Metric and label names as the Prometheus text format allows them. */
public final class PrometheusNames {

    private PrometheusNames() {
    }

    /** A metric name matching {@code [a-zA-Z_:][a-zA-Z0-9_:]*}: other characters become {@code _}, a leading digit gets a {@code _} prefix. */
    public static String metricName(String raw) {
        return sanitize(raw, true);
    }

    /**
     * A label name matching {@code [a-zA-Z_][a-zA-Z0-9_]*} that does not start with {@code __}
     * (reserved for Prometheus itself).
     */
    public static String labelName(String raw) {
        String name = sanitize(raw, false);
        while (name.startsWith("__")) {
            name = name.substring(1);
        }
        return name.isEmpty() || name.equals("_") ? "label_" : name;
    }

    private static String sanitize(String raw, boolean colonAllowed) {
        if (raw == null || raw.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(raw.length() + 1);
        if (raw.charAt(0) >= '0' && raw.charAt(0) <= '9') {
            out.append('_');
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (colonAllowed && c == ':');
            out.append(valid ? c : '_');
        }
        return out.toString();
    }

    /**
     * Appends {@code _value} to a name whose suffix would claim a type it does not have
     * ({@code _total} on a non-counter, {@code _count}/{@code _sum}/{@code _bucket} on a gauge),
     * which {@code promtool check metrics} rejects and queries would misread.
     */
    public static String withoutReservedSuffix(String name, boolean counter, boolean summaryOrHistogram) {
        boolean claimsCounter = !counter && name.endsWith("_total");
        boolean claimsSummary = !summaryOrHistogram
                && (name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_bucket"));
        return claimsCounter || claimsSummary ? name + "_value" : name;
    }

    /** A metric name from a dotted v0 name, its unit and type: {@code network.in} bytes counter → {@code <prefix>network_in_bytes_total}. */
    public static String fromV0(String prefix, String v0Name, String unit, boolean counter) {
        String base = metricName(prefix + v0Name.replace('.', '_'));
        String suffix = switch (unit) {
            case "bytes" -> "_bytes";
            case "seconds" -> "_seconds";
            case "percent" -> "_percent";
            default -> "";
        };
        if (!suffix.isEmpty() && !base.endsWith(suffix)) {
            base += suffix;
        }
        if (counter && !base.endsWith("_total")) {
            base += "_total";
        }
        return base;
    }
}
