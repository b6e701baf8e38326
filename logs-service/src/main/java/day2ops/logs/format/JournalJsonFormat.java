package day2ops.logs.format;

import day2ops.journal.Journal;

/**
 * journalctl's {@code -o json} object, as systemd-journal-gatewayd serves it for
 * {@code application/json} (one object per line) and, wrapped in {@code data: …}, for
 * {@code text/event-stream}: {@code __CURSOR}, {@code __REALTIME_TIMESTAMP},
 * {@code __MONOTONIC_TIMESTAMP}, {@code _BOOT_ID} (decimal strings), then every field.
 *
 * <p>Unlike journalctl, values of 4096 bytes and more are sent in full instead of as {@code null}.
 */
public final class JournalJsonFormat implements EntryFormat {

    private final Json json = new Json();
    private final boolean sse;

    public JournalJsonFormat(boolean sse) {
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
            out.ascii("data: ");
        }
        out.ascii("{\"__CURSOR\":");
        Json.string(out, cursor);
        out.ascii(",\"__REALTIME_TIMESTAMP\":\"").decimal(journal.realtimeMicros());
        out.ascii("\",\"__MONOTONIC_TIMESTAMP\":\"").decimal(journal.monotonicMicros());
        out.ascii("\",\"_BOOT_ID\":\"").ascii(journal.bootId()).ascii("\"");
        json.fields(journal.entry(), out, "_BOOT_ID", false);
        out.ascii(sse ? "}\n\n" : "}\n");
    }
}
