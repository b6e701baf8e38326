package day2ops.logs.format;

import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import day2ops.journal.JournalEntry;

/**
 * The journal export format ({@code application/vnd.fdo.journal}), byte for byte as journalctl
 * {@code -o export} and systemd-journal-gatewayd write it: the four address fields, then each field
 * as {@code NAME=value\n} when the whole line is printable UTF-8 without newline, otherwise
 * {@code NAME\n}, the value's length as little-endian 64 bit, the value, {@code \n}; an empty line
 * ends the entry.
 */
public final class ExportFormat implements EntryFormat {

    private final ByteSink scratch = new ByteSink(1024);

    @Override
    public String contentType() {
        return "application/vnd.fdo.journal";
    }

    @Override
    public void write(Journal journal, String cursor, ByteSink out) {
        out.ascii("__CURSOR=").ascii(cursor);
        out.ascii("\n__REALTIME_TIMESTAMP=").decimal(journal.realtimeMicros());
        out.ascii("\n__MONOTONIC_TIMESTAMP=").decimal(journal.monotonicMicros());
        out.ascii("\n_BOOT_ID=").ascii(journal.bootId()).put((byte) '\n');
        JournalEntry entry = journal.entry();
        for (int i = 0, n = entry.size(); i < n; i++) {
            String name = entry.name(i);
            if (name.equals("_BOOT_ID")) {
                continue;
            }
            FieldValue value = entry.value(i);
            scratch.reset();
            scratch.ascii(name).put((byte) '=').value(value);
            if (Utf8.printable(scratch.array(), 0, scratch.size(), false)) {
                out.put(scratch.array(), 0, scratch.size());
            } else {
                out.ascii(name).put((byte) '\n').le64(value.length());
                out.put(scratch.array(), name.length() + 1, value.length());
            }
            out.put((byte) '\n');
        }
        out.put((byte) '\n');
    }
}
