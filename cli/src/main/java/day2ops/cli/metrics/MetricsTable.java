package day2ops.cli.metrics;

import day2ops.cli.format.Table;
import day2ops.cli.format.Units;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a MetricsMessage ({@code {"datapoints":[{"name","value","unit","timestamp","tags"}],"dimensions":{…}}})
 * for people: a heading from the dimensions, then METRIC / VALUE / TAGS sorted by name and tags, values in
 * their unit (bytes as KiB/MiB/GiB, percentages, seconds).
 */
public final class MetricsTable {

    private MetricsTable() {
    }

    public static String render(String title, JsonObject message) {
        StringBuilder out = new StringBuilder();
        out.append(title);
        if (message.get("dimensions") instanceof JsonObject dimensions) {
            List<String> about = new ArrayList<>();
            for (String key : List.of("hostname", "mesos_id", "task_name", "task_id", "container_id", "framework_name")) {
                String value = dimensions.containsKey(key) && dimensions.get(key).getValueType() == JsonValue.ValueType.STRING
                        ? dimensions.getString(key) : "";
                if (!value.isEmpty()) {
                    about.add(key + "=" + value);
                }
            }
            if (!about.isEmpty()) {
                out.append(" (").append(String.join(", ", about)).append(')');
            }
        }
        out.append('\n');
        List<JsonObject> points = message.get("datapoints") instanceof JsonArray array
                ? array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList() : List.of();
        if (points.isEmpty()) {
            return out.append("no datapoints\n").toString();
        }
        Table table = new Table("METRIC", "VALUE", "TAGS").rightAlign(1);
        points.stream()
                .sorted(Comparator.comparing((JsonObject p) -> p.getString("name", "")).thenComparing(MetricsTable::tags))
                .forEach(p -> table.row(p.getString("name", "?"), value(p), tags(p)));
        return out.append(table.render()).toString();
    }

    /** A datapoint's value; the uptime (a count of seconds) also as a duration. */
    static String value(JsonObject point) {
        String value = value(point.get("value"), point.getString("unit", ""));
        if ("system.uptime".equals(point.getString("name", "")) && point.get("value") instanceof JsonNumber seconds) {
            return value + " (" + Units.duration(seconds.doubleValue()) + ")";
        }
        return value;
    }

    /** A datapoint value in its unit; {@code ""} (NaN in the API) is shown as {@code -}. */
    static String value(JsonValue value, String unit) {
        if (value instanceof JsonString text) {
            return text.getString().isEmpty() ? "-" : text.getString();
        }
        if (!(value instanceof JsonNumber number)) {
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? "-" : value.toString();
        }
        double v = number.doubleValue();
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "bytes", "byte" -> Units.bytes(v);
            case "percent", "percentage" -> Units.percent(v);
            case "seconds", "second", "s" -> Units.number(v) + " s";
            case "", "count" -> Units.number(v);
            default -> Units.number(v) + " " + unit;
        };
    }

    static String tags(JsonObject point) {
        if (!(point.get("tags") instanceof JsonObject tags) || tags.isEmpty()) {
            return "";
        }
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof JsonString s ? s.getString() : e.getValue().toString()))
                .collect(Collectors.joining(","));
    }
}
