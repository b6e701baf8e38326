package day2ops.logs.format;

import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The DC/OS Logging API's {@code text/plain}: {@code YYYY-MM-DD HH:MM:SS: MESSAGE}, in the configured zone (UTC by default). */
public final class DcosTextFormat implements EntryFormat {

    private static final FieldName MESSAGE = FieldName.of("MESSAGE");

    private final ZoneId zone;

    public DcosTextFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String contentType() {
        return "text/plain;charset=utf-8";
    }

    @Override
    public void write(Journal journal, String cursor, ByteSink out) {
        long seconds = Math.floorDiv(journal.realtimeMicros(), 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, zone.getRules().getOffset(Instant.ofEpochSecond(seconds)));
        out.decimal(t.getYear()).put((byte) '-').twoDigits(t.getMonthValue()).put((byte) '-').twoDigits(t.getDayOfMonth())
                .put((byte) ' ').twoDigits(t.getHour()).put((byte) ':').twoDigits(t.getMinute()).put((byte) ':')
                .twoDigits(t.getSecond()).ascii(": ");
        FieldValue message = journal.get(MESSAGE);
        if (message != null) {
            out.value(message);
        }
        out.put((byte) '\n');
    }
}
