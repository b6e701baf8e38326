package day2ops.cli.logs;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a DC/OS log entry ({@code {"fields":{…},"cursor":…,"realtime_timestamp":µs}}, the data of an
 * event-stream frame) as the {@code text/plain} line the logs API prints:
 * {@code YYYY-MM-DD HH:MM:SS: MESSAGE} (UTC); a task file line has no timestamp and is the message alone.
 */
public final class LogLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private LogLines() {
    }

    /** The text line of the entry in {@code json}; a frame that is not an entry is returned as is. */
    public static String text(String json) {
        JsonObject entry;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            entry = reader.readObject();
        } catch (RuntimeException notAnEntry) {
            return json;
        }
        JsonObject fields = entry.getJsonObject("fields");
        String message = fields == null ? "" : message(fields.get("MESSAGE"));
        JsonNumber realtime = entry.getJsonNumber("realtime_timestamp");
        if (realtime == null) {
            return message;
        }
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(realtime.longValue(), 1_000_000L))) + ": " + message;
    }

    /**
     * A field value as text: a string as is, an array of byte values decoded as UTF-8 (invalid sequences
     * replaced), a repeated field (array of values) its values joined by newlines.
     */
    static String message(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                if (!array.isEmpty() && array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.NUMBER)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(array.size());
                    array.forEach(v -> bytes.write(((JsonNumber) v).intValue()));
                    yield bytes.toString(StandardCharsets.UTF_8);
                }
                StringBuilder joined = new StringBuilder();
                for (JsonValue v : array) {
                    joined.append(joined.length() == 0 ? "" : "\n").append(message(v));
                }
                yield joined.toString();
            }
            default -> value.toString();
        };
    }
}
