package day2ops.cli.checks;

import day2ops.cli.format.Table;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/** A checks run ({@code {"status":N,"checks":{name:{"output","status"}}}}) as a table, and its exit code. */
final class CheckResults {

    private CheckResults() {
    }

    /** The combined status as dcos-check-runner exits with it: 0–3, anything else (or missing) 3. */
    static int combinedStatus(JsonObject run) {
        return status(run.get("status"));
    }

    static int status(JsonValue value) {
        if (value instanceof JsonNumber n && n.isIntegral() && n.intValue() >= 0 && n.intValue() <= 3) {
            return n.intValue();
        }
        return 3;
    }

    /** {@code OK}, {@code WARNING}, {@code CRITICAL}, {@code UNKNOWN}: dcos-check-runner's names of 0–3. */
    static String name(int status) {
        return switch (status) {
            case 0 -> "OK";
            case 1 -> "WARNING";
            case 2 -> "CRITICAL";
            default -> "UNKNOWN";
        };
    }

    static String render(JsonObject run, boolean verbose) {
        Map<String, JsonObject> checks = new TreeMap<>();
        if (run.get("checks") instanceof JsonObject all) {
            all.forEach((name, result) -> checks.put(name, result instanceof JsonObject r ? r : JsonValue.EMPTY_JSON_OBJECT));
        }
        StringBuilder out = new StringBuilder();
        if (checks.isEmpty()) {
            out.append("no checks configured\n");
        } else {
            Table table = new Table("CHECK", "STATUS", "OUTPUT");
            checks.forEach((name, result) -> table.row(name, name(status(result.get("status"))),
                    firstLine(result.getString("output", ""))));
            out.append(table.render());
            if (verbose) {
                checks.forEach((name, result) -> {
                    String output = result.getString("output", "").stripTrailing();
                    if (output.contains("\n")) {
                        out.append("\n== ").append(name).append('\n').append(output).append('\n');
                    }
                });
            }
        }
        int status = combinedStatus(run);
        out.append("status: ").append(status).append(" (").append(name(status)).append(")\n");
        return out.toString();
    }

    private static String firstLine(String output) {
        String line = output.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 99) + "…" : line;
    }
}
