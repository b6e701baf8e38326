package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Positioning, cursors, timestamps, unique values, namespaces and handle rules on a small data set. */
@ExtendWith(JournaldExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalReadTest {

    private static final int ENTRIES = 50;
    private static final byte[] BINARY_UNIQUE = {0, (byte) 0xff, '\n', 'x'};

    private IsolatedJournald journald;
    private String run;
    private String uniqueField;

    @BeforeAll
    void writeEntries(IsolatedJournald journald) throws Exception {
        this.journald = journald;
        this.run = UUID.randomUUID().toString();
        this.uniqueField = "UNIQUE_" + run.substring(0, 8).toUpperCase().replace('-', '_');
        for (int i = 0; i < ENTRIES; i++) {
            byte[] unique = i == 7 ? BINARY_UNIQUE : bytes("value-" + (i % 4));
            journald.send(List.of(
                    Map.entry("MESSAGE", bytes("entry " + i)),
                    Map.entry("SEQ", bytes(Integer.toString(i))),
                    Map.entry("READ_RUN", bytes(run)),
                    Map.entry(uniqueField, unique),
                    Map.entry("REPEATED", bytes("first")),
                    Map.entry("REPEATED", bytes("second"))));
        }
        journald.sync();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count() < ENTRIES && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(ENTRIES, count(), "entries visible in the namespace");
    }

    private Journal open() {
        Journal journal = Journal.openNamespace(journald.namespace());
        journal.addMatch("READ_RUN", run);
        return journal;
    }

    private int count() {
        try (Journal journal = open()) {
            int n = 0;
            journal.seekHead();
            while (journal.next()) {
                n++;
            }
            return n;
        }
    }

    private static int seq(Journal journal) {
        return Integer.parseInt(journal.get("SEQ").asString());
    }

    @Test
    void cursorSeekLandsOnThatEntryAndNextResumesAfterIt() {
        try (Journal journal = open()) {
            journal.seekHead();
            assertEquals(21, journal.skipNext(21));
            assertEquals(20, seq(journal));
            String cursor = journal.cursor();
            long realtime = journal.realtimeMicros();
            assertTrue(journal.testCursor(cursor));
            journal.next();
            assertFalse(journal.testCursor(cursor), "cursor of entry 20 must not match entry 21");

            journal.seekCursor(cursor);
            assertTrue(journal.next());
            assertTrue(journal.testCursor(cursor));
            assertEquals(20, seq(journal));
            assertEquals(realtime, journal.realtimeMicros());
            assertTrue(journal.next());
            assertEquals(21, seq(journal), "resuming after a cursor reads the next entry");
        }
    }

    @Test
    void seekAfterCursorResumesStrictlyAfterTheDeliveredEntry() {
        try (Journal journal = open()) {
            journal.seekHead();
            journal.skipNext(11);
            String cursor = journal.cursor();
            journal.seekAfterCursor(cursor);
            assertTrue(journal.next());
            assertEquals(11, seq(journal));
            journal.seekTail();
            journal.previous();
            journal.seekAfterCursor(journal.cursor());
            assertFalse(journal.next(), "nothing after the last entry");
        }
    }

    @Test
    void malformedCursorIsAJournalExceptionWithFunctionAndErrno() {
        try (Journal journal = open()) {
            JournalException e = assertThrows(JournalException.class, () -> journal.seekCursor("not a cursor"));
            assertEquals("sd_journal_seek_cursor", e.function());
            assertEquals(22, e.errno(), "EINVAL");
            assertTrue(e.getMessage().contains("Invalid argument"), e.getMessage());
        }
    }

    @Test
    void tailPreviousAndSkipsMoveByEntries() {
        try (Journal journal = open()) {
            journal.seekTail();
            assertTrue(journal.previous());
            assertEquals(ENTRIES - 1, seq(journal));
            assertEquals(10, journal.skipPrevious(10));
            assertEquals(ENTRIES - 11, seq(journal));
            assertEquals(10, journal.skipNext(10));
            assertEquals(ENTRIES - 1, seq(journal));
            assertEquals(0, journal.skipNext(5), "nothing beyond the last entry");
            journal.seekHead();
            assertEquals(ENTRIES, journal.skipNext(ENTRIES + 100), "skip reports how far it really went");
        }
    }

    @Test
    void realtimeSeekFindsTheFirstEntryAtOrAfterThatTime() {
        try (Journal journal = open()) {
            journal.seekHead();
            journal.skipNext(31);
            long realtime = journal.realtimeMicros();
            int seq = seq(journal);
            journal.seekRealtime(journal.realtime());
            assertTrue(journal.next());
            assertEquals(realtime, journal.realtimeMicros());
            assertTrue(seq(journal) <= seq);
            assertTrue(journal.monotonicMicros() > 0);
            assertEquals(32, journal.bootId().length());
        }
    }

    @Test
    void entryListsEveryFieldIncludingRepeatedNamesAndTrustedOnes() {
        try (Journal journal = open()) {
            journal.seekHead();
            assertTrue(journal.next());
            JournalEntry entry = journal.entry();
            List<String> repeated = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < entry.size(); i++) {
                names.add(entry.name(i));
                if (entry.name(i).equals("REPEATED")) {
                    repeated.add(entry.value(i).asString());
                }
            }
            assertEquals(Set.of("first", "second"), Set.copyOf(repeated));
            assertTrue(names.containsAll(Set.of("MESSAGE", "SEQ", "_PID", "_TRANSPORT", "_NAMESPACE")), names.toString());
            assertEquals(journald.namespace(), entry.first("_NAMESPACE").asString());
            assertEquals(List.of(bytes("entry 0")).get(0).length, entry.copy().get("MESSAGE").get(0).length);
            assertNull(journal.get("NO_SUCH_FIELD"));
        }
    }

    @Test
    void viewsFailAfterTheJournalMoves() {
        try (Journal journal = open()) {
            journal.seekHead();
            journal.next();
            JournalEntry entry = journal.entry();
            FieldValue message = journal.get("MESSAGE");
            assertEquals("entry 0", message.asString());
            journal.next();
            assertThrows(IllegalStateException.class, message::asString);
            assertThrows(IllegalStateException.class, entry::size);
            assertEquals("entry 1", journal.entry().first("MESSAGE").asString());
        }
    }

    @Test
    void uniqueValuesMatchJournalctlAndKeepBinaryValues() throws Exception {
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            List<byte[]> values = journal.uniqueValues(uniqueField);
            assertEquals(5, values.size());
            assertTrue(values.stream().anyMatch(v -> java.util.Arrays.equals(v, BINARY_UNIQUE)), "binary value kept");
            Set<String> text = journal.uniqueStrings(uniqueField);
            assertTrue(text.containsAll(Set.of("value-0", "value-1", "value-2", "value-3")), text.toString());
            Set<String> fromJournalctl = new HashSet<>(journald.journalctl("-F", uniqueField));
            assertTrue(fromJournalctl.containsAll(Set.of("value-0", "value-1", "value-2", "value-3")));
            assertEquals(5, fromJournalctl.size(), "journalctl -F sees the same number of distinct values");
        }
    }

    @Test
    void namespaceIsIsolatedFromTheDefaultJournal() {
        try (Journal defaultNamespace = Journal.openNamespace(null)) {
            defaultNamespace.addMatch("READ_RUN", run);
            defaultNamespace.seekHead();
            assertFalse(defaultNamespace.next(), "test entries leaked into the default (host) journal");
        }
        try (Journal all = Journal.openNamespace(null, OpenFlag.ALL_NAMESPACES)) {
            all.addMatch("READ_RUN", run);
            all.seekHead();
            assertEquals(ENTRIES, all.skipNext(ENTRIES + 1), "ALL_NAMESPACES includes the test namespace");
        }
        try (Journal directory = Journal.openDirectory(journald.journalDir())) {
            directory.addMatch("READ_RUN", run);
            directory.seekHead();
            assertEquals(ENTRIES, directory.skipNext(ENTRIES + 1), "the namespace's directory holds the same entries");
        }
    }

    @Test
    void handleIsConfinedToItsThreadUntilHandedOff() throws Exception {
        Journal journal = open();
        try {
            journal.seekHead();
            ExecutionException wrongThread = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.supplyAsync(journal::next).get());
            assertTrue(wrongThread.getCause() instanceof IllegalStateException);
            assertTrue(wrongThread.getCause().getMessage().contains("confined"), wrongThread.getCause().getMessage());

            AtomicReference<String> readThere = new AtomicReference<>();
            Thread other = new Thread(() -> {
                journal.next();
                readThere.set(journal.get("MESSAGE").asString());
                journal.handOffTo(mainThread);
            });
            mainThread = Thread.currentThread();
            journal.handOffTo(other);
            assertThrows(IllegalStateException.class, journal::next, "the old owner lost the handle");
            other.start();
            other.join();
            assertEquals("entry 0", readThere.get());
            assertTrue(journal.next(), "handed back");
            assertEquals(1, seq(journal));
        } finally {
            journal.close();
        }
        assertThrows(IllegalStateException.class, journal::next, "closed");
        journal.close();
    }

    private Thread mainThread;

    @Test
    void eventLoopHooksAreAvailable() {
        try (Journal journal = open()) {
            assertTrue(journal.fd() >= 0);
            assertNotEquals(null, journal.process());
            assertTrue(journal.usageBytes() > 0);
        }
    }

    @Test
    void binaryMatchFindsExactlyTheEntryWithThatValue() {
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            journal.addMatch(uniqueField, BINARY_UNIQUE);
            journal.seekHead();
            assertTrue(journal.next());
            assertEquals(7, seq(journal));
            assertArrayEquals(BINARY_UNIQUE, journal.get(uniqueField).toByteArray());
            assertFalse(journal.next());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
