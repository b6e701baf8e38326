package day2ops.logs.format;

import day2ops.journal.Journal;

/**
 * The DC/OS Logging API entry: {@code {"fields":{…},"cursor":"…","monotonic_timestamp":N,"realtime_timestamp":N}},
 * one per line for {@code application/json}; for {@code text/event-stream} the same object in a
 * frame {@code id: <cursor>} / {@code data: <json>}. Field values are strings when printable UTF-8,
 * otherwise arrays of byte values (as journalctl); a repeated field is an array of its values.
 */
public final class DcosJsonFormat implements EntryFormat {

    private final Json json = new Json();
    private final boolean sse;

    public DcosJsonFormat(boolean sse) {
        this.sse = sse;
    }

    @Override
    public String contentType() {
        return sse ? "text/event-stream" : "application/json";
    }

    @Override
    public boolean eventStream() {
        return sse;
    }

    @Override
    public void write(Journal journal, String cursor, ByteSink out) {
        if (sse) {
            out.ascii("id: ").ascii(cursor).ascii("\ndata: ");
        }
        out.ascii("{\"fields\":{");
        json.fields(journal.entry(), out, null, true);
        out.ascii("},\"cursor\":");
        Json.string(out, cursor);
        out.ascii(",\"monotonic_timestamp\":").decimal(journal.monotonicMicros());
        out.ascii(",\"realtime_timestamp\":").decimal(journal.realtimeMicros());
        out.ascii(sse ? "}\n\n" : "}\n");
    }
}
