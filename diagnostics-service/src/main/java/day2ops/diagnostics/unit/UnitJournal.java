package day2ops.diagnostics.unit;

import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.journal.JournalUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The newest journal lines of a unit ({@code _SYSTEMD_UNIT=<unit>}), as {@code journalctl -u UNIT -n N} shows them. */
@ApplicationScoped
public class UnitJournal {

    private static final Logger LOG = Logger.getLogger(UnitJournal.class);
    private static final FieldName MESSAGE = FieldName.of("MESSAGE");
    private static final FieldName IDENTIFIER = FieldName.of("SYSLOG_IDENTIFIER");
    private static final FieldName PID = FieldName.of("_PID");

    private final Optional<Path> directory;

    public UnitJournal(DiagnosticsConfig config) {
        this.directory = config.health().journalDirectory();
    }

    /**
     * Up to {@code lines} newest lines, oldest first, formatted "{@code <time> <identifier>[<pid>]: <message>}".
     * When the journal cannot be read the single line says why: the health answer is still worth having.
     */
    public List<String> tail(String unitId, int lines) {
        if (lines <= 0) {
            return List.of();
        }
        // Opened, used and closed on this thread: journal handles are thread-confined.
        try (Journal journal = directory.map(Journal::openDirectory).orElseGet(Journal::openLocal)) {
            journal.addMatch("_SYSTEMD_UNIT", unitId);
            journal.seekTail();
            List<String> newestFirst = new ArrayList<>(lines);
            while (newestFirst.size() < lines && journal.previous()) {
                newestFirst.add(format(journal));
            }
            Collections.reverse(newestFirst);
            return newestFirst;
        } catch (JournalUnavailableException | JournalException e) {
            LOG.warnf("cannot read the journal of %s: %s", unitId, e.getMessage());
            return List.of("(journal not readable: " + e.getMessage() + ")");
        }
    }

    private static String format(Journal journal) {
        Instant time = Instant.ofEpochSecond(0, journal.realtimeMicros() * 1000);
        StringBuilder line = new StringBuilder().append(time).append(' ');
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
