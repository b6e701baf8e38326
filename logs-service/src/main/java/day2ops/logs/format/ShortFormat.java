package day2ops.logs.format;

import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.nio.charset.StandardCharsets;

/**
 * journalctl's {@code short} format, as systemd-journal-gatewayd serves {@code text/plain}:
 * {@code Mon DD HH:MM:SS HOST IDENTIFIER[PID]: MESSAGE}, continuation lines of a multi-line message
 * indented under the message, a message that is not printable as {@code [N blob data]}. The time
 * is in the configured zone (UTC by default) rather than the server's local zone.
 */
public final class ShortFormat implements EntryFormat {

    private static final FieldName MESSAGE = FieldName.of("MESSAGE");
    private static final FieldName HOSTNAME = FieldName.of("_HOSTNAME");
    private static final FieldName IDENTIFIER = FieldName.of("SYSLOG_IDENTIFIER");
    private static final FieldName COMM = FieldName.of("_COMM");
    private static final FieldName PID = FieldName.of("_PID");
    private static final FieldName SYSLOG_PID = FieldName.of("SYSLOG_PID");
    private static final byte[][] MONTHS = new byte[12][];

    static {
        String[] names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) {
            MONTHS[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final ZoneId zone;
    private final ByteSink scratch = new ByteSink(1024);

    public ShortFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String contentType() {
        return "text/plain";
    }

    @Override
    public void write(Journal journal, String cursor, ByteSink out) {
        long micros = journal.realtimeMicros();
        long seconds = Math.floorDiv(micros, 1_000_000L);
        ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.ofEpochSecond(seconds));
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, offset);
        int start = out.size();
        out.put(MONTHS[t.getMonthValue() - 1]).put((byte) ' ').twoDigits(t.getDayOfMonth()).put((byte) ' ')
                .twoDigits(t.getHour()).put((byte) ':').twoDigits(t.getMinute()).put((byte) ':').twoDigits(t.getSecond());
        FieldValue host = journal.get(HOSTNAME);
        if (host != null) {
            out.put((byte) ' ').value(host);
        }
        FieldValue ident = journal.get(IDENTIFIER);
        if (ident == null) {
            ident = journal.get(COMM);
        }
        if (ident != null) {
            out.put((byte) ' ').value(ident);
        }
        FieldValue pid = journal.get(PID);
        if (pid == null) {
            pid = journal.get(SYSLOG_PID);
        }
        if (pid != null) {
            out.put((byte) '[').value(pid).put((byte) ']');
        }
        out.put((byte) ':').put((byte) ' ');
        int prefix = out.size() - start;
        FieldValue message = journal.get(MESSAGE);
        if (message != null) {
            scratch.reset();
            scratch.value(message);
            byte[] b = scratch.array();
            int n = scratch.size();
            if (!Utf8.printable(b, 0, n, true)) {
                out.ascii("[" + n + "B blob data]");
            } else {
                for (int i = 0; i < n; i++) {
                    out.put(b[i]);
                    if (b[i] == '\n' && i + 1 < n) {
                        for (int k = 0; k < prefix; k++) {
                            out.put((byte) ' ');
                        }
                    }
                }
            }
        }
        out.put((byte) '\n');
    }
}
