package day2ops.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Predicate;

/**
 * A parser of {@code text/event-stream} as the HTML standard defines it: {@code data} lines joined with
 * newlines, {@code id} remembered across events (an id with NUL is ignored), comments ({@code : ping})
 * skipped, an event dispatched at each blank line, an unterminated last event dropped. The last event id
 * only moves when a frame is complete, so resuming from it never skips an event that was cut off.
 */
public final class ServerSentEvents {

    /** One dispatched event; {@code id} is the last event id in effect when it was dispatched. */
    public record Event(String id, String type, String data) {
    }

    private String lastEventId;
    private String idBuffer;

    public ServerSentEvents(String lastEventId) {
        this.lastEventId = lastEventId;
        this.idBuffer = lastEventId;
    }

    /** The id of the last complete frame (or the one this parser started with). */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Reads events until the end of the stream or until {@code consumer} returns {@code false}.
     *
     * @return {@code false} when the consumer asked to stop, {@code true} at the end of the stream
     */
    public boolean read(Reader source, Predicate<Event> consumer) throws IOException {
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        StringBuilder data = null;
        String type = null;
        String line;
        idBuffer = lastEventId;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                lastEventId = idBuffer;
                if (data != null) {
                    Event event = new Event(lastEventId, type == null ? "message" : type, data.toString());
                    data = null;
                    type = null;
                    if (!consumer.test(event)) {
                        return false;
                    }
                }
                type = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        idBuffer = value;
                    }
                }
                case "event" -> type = value;
                default -> {
                    // "retry" and unknown fields: the follower uses its own backoff
                }
            }
        }
        return true;
    }
}
