package day2ops.diagnostics.bundle;

import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A unit's journal ({@code _SYSTEMD_UNIT=<unit>}) over the bundle's window, oldest first, one line per entry as
 * "{@code <time> <identifier>[<pid>]: <message>}" (as {@code journalctl -u UNIT -o short-iso-precise}).
 */
final class JournalCollector implements Collector {

    private static final FieldName MESSAGE = FieldName.of("MESSAGE");
    private static final FieldName IDENTIFIER = FieldName.of("SYSLOG_IDENTIFIER");
    private static final FieldName PID = FieldName.of("_PID");

    private final String unit;
    private final Optional<Path> directory;
    private final Duration window;
    private final Redactor redactor;

    JournalCollector(String unit, Optional<Path> directory, Duration window, Redactor redactor) {
        this.unit = unit;
        this.directory = directory;
        this.window = window;
        this.redactor = redactor;
    }

    @Override
    public String entryName() {
        return "journal/" + unit + ".log";
    }

    @Override
    public String description() {
        return "journal " + unit;
    }

    @Override
    public boolean optional() {
        return false;
    }

    @Override
    public void collect(OutputStream out) throws Exception {
        Redactor.Text text = redactor.text(out);
        // Opened, read and closed on this thread: journal handles are thread-confined.
        try (Journal journal = directory.map(Journal::openDirectory).orElseGet(Journal::openLocal)) {
            journal.addMatch("_SYSTEMD_UNIT", unit);
            journal.seekRealtime(Instant.now().minus(window));
            while (journal.next()) {
                text.line(format(journal));
            }
        }
    }

    static String format(Journal journal) {
        Instant time = Instant.ofEpochSecond(0, journal.realtimeMicros() * 1000);
        StringBuilder line = new StringBuilder(128).append(time).append(' ');
        FieldValue identifier = journal.get(IDENTIFIER);
        line.append(identifier == null ? "-" : identifier.asString());
        FieldValue pid = journal.get(PID);
        if (pid != null) {
            line.append('[').append(pid.asString()).append(']');
        }
        FieldValue message = journal.get(MESSAGE);
        return line.append(": ").append(message == null ? "" : message.asString()).toString();
    }
}
