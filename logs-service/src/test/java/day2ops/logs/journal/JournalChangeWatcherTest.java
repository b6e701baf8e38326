package day2ops.logs.journal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JournalChangeWatcherTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aNewFileCountsAsChangedFilesUntilItsFirstChangeASecondAfterCreation() {
        JournalChangeWatcher.NewFiles files = new JournalChangeWatcher.NewFiles();
        Path fresh = Path.of("/run/log/journal/m.ns/system.journal");
        Path old = Path.of("/run/log/journal/m.ns/system@0-1-2.journal");
        assertFalse(files.changed(old, ENTRY_MODIFY, 0), "appends to a settled file are appends only");
        assertTrue(files.changed(fresh, ENTRY_CREATE, 0));
        assertTrue(files.changed(fresh, ENTRY_MODIFY, SECOND / 4), "maybe still being initialized when followers reopened");
        assertTrue(files.changed(fresh, ENTRY_MODIFY, SECOND / 2));
        assertTrue(files.changed(fresh, ENTRY_MODIFY, 3 * SECOND), "first change after it settled: one last reopen");
        assertFalse(files.changed(fresh, ENTRY_MODIFY, 4 * SECOND));
        assertTrue(files.changed(old, ENTRY_DELETE, 5 * SECOND), "vacuum");
    }

    @Test
    void onlyJournalFilesCount() {
        assertTrue(JournalChangeWatcher.isJournalFile(Path.of("/run/log/journal/m/system.journal")));
        assertTrue(JournalChangeWatcher.isJournalFile(Path.of("/run/log/journal/m/system@x.journal~")));
        assertFalse(JournalChangeWatcher.isJournalFile(Path.of("/run/log/journal/m/.#system.journalXXXX")));
    }
}
