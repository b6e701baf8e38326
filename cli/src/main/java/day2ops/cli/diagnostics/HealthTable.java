package day2ops.cli.diagnostics;

import day2ops.cli.format.Table;
import java.util.List;

/** The unhealthy units of a cluster (or node) as a table: NODE, ROLE, UNIT, HEALTH, OUTPUT (its first line). */
final class HealthTable {

    /** One unhealthy unit, or an unreachable node ({@code unit} {@code -}). */
    record Row(String node, String role, String unit, int health, String output) {
    }

    private static final int MAX_OUTPUT = 100;

    private HealthTable() {
    }

    static String render(List<Row> rows, int nodes, boolean verbose) {
        if (rows.isEmpty()) {
            return "all units healthy on " + nodes + " node(s)\n";
        }
        Table table = new Table("NODE", "ROLE", "UNIT", "HEALTH", "OUTPUT");
        for (Row row : rows) {
            table.row(row.node(), row.role(), row.unit(), health(row.health()), firstLine(row.output()));
        }
        StringBuilder out = new StringBuilder(table.render());
        if (verbose) {
            for (Row row : rows) {
                if (row.output() != null && row.output().contains("\n")) {
                    out.append("\n== ").append(row.node()).append(' ').append(row.unit()).append('\n')
                            .append(row.output().stripTrailing()).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** dcos-diagnostics health values: 0 healthy, 1 unhealthy, 3 unknown (node unreachable). */
    static String health(int value) {
        return switch (value) {
            case 0 -> "healthy";
            case 1 -> "unhealthy";
            case 3 -> "unknown";
            default -> "health " + value;
        };
    }

    static String firstLine(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        String line = output.strip().lines().findFirst().orElse("");
        return line.length() > MAX_OUTPUT ? line.substring(0, MAX_OUTPUT - 1) + "…" : line;
    }
}
