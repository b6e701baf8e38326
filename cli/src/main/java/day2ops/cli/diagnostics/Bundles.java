package day2ops.cli.diagnostics;

import day2ops.cli.format.Table;
import day2ops.cli.format.Units;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Diagnostics bundle objects ({@code {"id","type","size","status","started_at","stopped_at","errors",
 * "collected","total"}}) rendered for people, and the statuses a bundle ends in.
 */
final class Bundles {

    /** Statuses after which a bundle does not change any more. */
    static final Set<String> FINAL = Set.of("Done", "Canceled", "Deleted", "Failed");

    private Bundles() {
    }

    /** The bundles of a list answer: a JSON array of bundles, or an object holding one under {@code bundles}. */
    static List<JsonObject> list(JsonStructure answer) {
        JsonArray array = answer instanceof JsonArray a ? a
                : answer instanceof JsonObject o && o.get("bundles") instanceof JsonArray b ? b : JsonValue.EMPTY_JSON_ARRAY;
        List<JsonObject> bundles = new ArrayList<>();
        for (JsonValue value : array) {
            if (value instanceof JsonObject bundle) {
                bundles.add(bundle);
            }
        }
        bundles.sort(Comparator.comparing((JsonObject b) -> b.getString("started_at", "")).thenComparing(b -> b.getString("id", "")));
        return bundles;
    }

    static String listTable(List<JsonObject> bundles) {
        if (bundles.isEmpty()) {
            return "no bundles\n";
        }
        Table table = new Table("ID", "TYPE", "STATUS", "PROGRESS", "SIZE", "STARTED", "STOPPED", "ERRORS").rightAlign(3, 4, 7);
        for (JsonObject b : bundles) {
            table.row(b.getString("id", "?"), b.getString("type", ""), b.getString("status", "?"), progress(b),
                    size(b), b.getString("started_at", ""), b.getString("stopped_at", ""), Integer.toString(errors(b).size()));
        }
        return table.render();
    }

    /** One bundle, field by field, then its errors one per line. */
    static String detail(JsonObject b) {
        Table table = new Table("FIELD", "VALUE");
        table.row("id", b.getString("id", "?"));
        table.row("type", b.getString("type", ""));
        table.row("status", b.getString("status", "?"));
        table.row("progress", progress(b));
        table.row("size", size(b));
        table.row("started", b.getString("started_at", ""));
        table.row("stopped", b.getString("stopped_at", ""));
        StringBuilder out = new StringBuilder(table.render());
        List<String> errors = errors(b);
        if (!errors.isEmpty()) {
            out.append("errors:\n");
            errors.forEach(e -> out.append("  ").append(e).append('\n'));
        }
        return out.toString();
    }

    /** {@code 3/5}, or empty when the bundle reports no progress. */
    static String progress(JsonObject b) {
        long total = number(b, "total");
        return total < 0 ? "" : Math.max(0, number(b, "collected")) + "/" + total;
    }

    static String size(JsonObject b) {
        long size = number(b, "size");
        return size < 0 ? "" : Units.bytes(size);
    }

    static long number(JsonObject b, String name) {
        return b.get(name) instanceof JsonNumber n ? n.longValue() : -1;
    }

    static List<String> errors(JsonObject b) {
        List<String> errors = new ArrayList<>();
        if (b.get("errors") instanceof JsonArray array) {
            for (JsonValue e : array) {
                errors.add(e instanceof JsonString s ? s.getString() : e.toString());
            }
        }
        return errors;
    }
}
