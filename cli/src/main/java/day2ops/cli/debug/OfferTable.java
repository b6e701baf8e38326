package day2ops.cli.debug;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an offer report ({@code GET /v1/deployments/{appId}/offers}) as text tables. */
final class OfferTable {

    private OfferTable() {
    }

    static String render(JsonObject report) {
        StringBuilder out = new StringBuilder();
        out.append(report.getString("id")).append(" (").append(report.getString("kind")).append("): ")
                .append(report.getInt("instancesWaiting")).append(" instance(s) waiting since ")
                .append(report.getString("waitingSince", "?")).append("; ")
                .append(report.getInt("processedOffers")).append(" offers processed, ")
                .append(report.getInt("unusedOffers")).append(" unused\n\n");

        List<List<String>> funnel = new ArrayList<>();
        funnel.add(List.of("REASON", "DECLINED", "PROCESSED"));
        for (JsonValue stage : report.getJsonArray("funnel")) {
            JsonObject s = stage.asJsonObject();
            funnel.add(List.of(s.getString("reason"), Integer.toString(s.getInt("declined")), Integer.toString(s.getInt("processed"))));
        }
        table(out, funnel);
        out.append('\n');

        List<List<String>> resources = new ArrayList<>();
        resources.add(List.of("RESOURCE", "REQUESTED", "MATCHED", "PERCENTAGE"));
        for (JsonValue row : report.getJsonArray("resources")) {
            JsonObject r = row.asJsonObject();
            int matched = r.getInt("matched");
            int processed = r.getInt("processed");
            resources.add(List.of(r.getString("resource").toUpperCase(java.util.Locale.ROOT), r.getString("requested"),
                    matched + " / " + processed,
                    processed == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * matched / processed)));
        }
        table(out, resources);

        JsonArray offers = report.getJsonArray("lastOffers");
        if (!offers.isEmpty()) {
            out.append('\n');
            List<List<String>> last = new ArrayList<>();
            last.add(List.of("HOST", "CPUS", "MEM", "DISK", "PORTS", "RECEIVED", "REASONS"));
            for (JsonValue offer : offers) {
                JsonObject o = offer.asJsonObject();
                last.add(List.of(o.getString("hostname", "?"), number(o, "cpus"), number(o, "mem"), number(o, "disk"),
                        o.getString("ports", ""), o.getString("offeredAt", ""),
                        o.getJsonArray("reasons").getValuesAs(JsonValue::toString).stream()
                                .map(s -> s.replace("\"", "")).collect(Collectors.joining(","))));
            }
            table(out, last);
        }
        out.append('\n').append(report.getString("diagnosis")).append('\n');
        return out.toString();
    }

    private static String number(JsonObject object, String name) {
        JsonNumber value = object.getJsonNumber(name);
        return value == null ? "-" : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    private static void table(StringBuilder out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
