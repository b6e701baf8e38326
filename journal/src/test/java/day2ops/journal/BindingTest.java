package day2ops.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/** Loading, errors and argument checks that need libsystemd but no journald. */
class BindingTest {

    @Test
    void missingLibraryFailsClearlyNamingIt() {
        JournalUnavailableException e = assertThrows(JournalUnavailableException.class,
                () -> Native.load("libsystemd-not-installed.so.0"));
        assertTrue(e.getMessage().contains("libsystemd-not-installed.so.0"), e.getMessage());
        assertTrue(e.getMessage().contains("libsystemd0"), "names the package to install: " + e.getMessage());
    }

    @Test
    void sizeTIsPointerWideOnThisPlatform() {
        Native nat = Native.get();
        assertEquals(nat.addressBytes, nat.sizeTBytes);
    }

    @Test
    void negativeReturnBecomesJournalExceptionWithFunctionAndErrno() {
        JournalException e = assertThrows(JournalException.class,
                () -> Journal.openDirectory(Path.of("/nonexistent/day2ops-journal-test")));
        assertEquals("sd_journal_open_directory", e.function());
        assertEquals(2, e.errno(), "ENOENT");
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void writerRejectsNamesJournaldWouldDrop() {
        JournalWriter writer = JournalWriter.create();
        assertThrows(IllegalArgumentException.class, () -> writer.add("_PID", "1"), "trusted field");
        assertThrows(IllegalArgumentException.class, () -> writer.add("message", "x"), "lower case");
        assertThrows(IllegalArgumentException.class, () -> writer.add("1ABC", "x"), "leading digit");
        assertThrows(IllegalArgumentException.class, () -> writer.add("A".repeat(65), "x"), "too long");
        assertThrows(IllegalArgumentException.class, () -> writer.add("", "x"), "empty");
        assertThrows(IllegalStateException.class, writer::send, "nothing to send");
    }

    @Test
    void writerIsConfinedToItsThread() {
        JournalWriter writer = JournalWriter.create();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> CompletableFuture.runAsync(() -> writer.add("MESSAGE", "x")).get());
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    }

    @Test
    void matchRejectsInvalidFieldNames() {
        try (Journal journal = Journal.openDirectory(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThrows(IllegalArgumentException.class, () -> journal.addMatch("lower", "x"));
            assertThrows(IllegalArgumentException.class, () -> journal.uniqueValues("lower"));
        }
    }
}
