package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal files made by {@code systemd-journal-remote} from an export-format fixture (generated below),
 * read back intact, then damaged three ways: truncated, garbage, and one object header broken.
 */
class JournalFilesTest {

    private static final int ENTRIES = 200;
    private static final long BASE_REALTIME = 1_700_000_000_000_000L;
    private static final int EBADMSG = 74;
    private static final int ENODATA = 61;

    @TempDir
    static Path dir;
    private static Path journal;

    @BeforeAll
    static void buildJournalFileWithJournalRemote() throws Exception {
        Path remote = IsolatedJournald.find(IsolatedJournald.JOURNAL_REMOTE);
        if (remote == null) {
            String reason = "systemd-journal-remote not found at " + IsolatedJournald.JOURNAL_REMOTE
                    + " (package systemd-journal-remote)";
            System.err.println("[journal tests] SKIPPING journal file tests: " + reason);
            Assumptions.abort(reason);
        }
        Path export = dir.resolve("fixture.export");
        Files.write(export, exportFixture());
        journal = dir.resolve("fixture.journal");
        Process p = new ProcessBuilder(remote.toString(), "--output=" + journal, export.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "systemd-journal-remote: " + output);
    }

    /** Export format; BINARY_PAYLOAD uses the length-prefixed form since it holds a newline. */
    static byte[] exportFixture() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ENTRIES; i++) {
            out.write(("__REALTIME_TIMESTAMP=" + (BASE_REALTIME + i * 1000L) + "\n"
                    + "__MONOTONIC_TIMESTAMP=" + (1000 + i) + "\n"
                    + "_BOOT_ID=0123456789abcdef0123456789abcdef\n"
                    + "MESSAGE=" + message(i) + "\n"
                    + "SEQ=" + i + "\n"
                    + "BINARY_PAYLOAD\n").getBytes(StandardCharsets.UTF_8));
            byte[] payload = payload(i);
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(payload.length).array());
            out.write(payload);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    static String message(int i) {
        return "fixture entry " + i;
    }

    static byte[] payload(int i) {
        return new byte[] {0, (byte) 0xff, '\n', (byte) i, (byte) 0xc3, (byte) 0x28};
    }

    @Test
    void readsAJournalRemoteFileWithBinaryFieldsIntact() {
        try (Journal j = Journal.openFiles(List.of(journal))) {
            j.seekHead();
            int i = 0;
            while (j.next()) {
                JournalEntry entry = j.entry();
                assertEquals(message(i), entry.first("MESSAGE").asString());
                assertArrayEquals(payload(i), entry.first("BINARY_PAYLOAD").toByteArray());
                assertEquals(BASE_REALTIME + i * 1000L, j.realtimeMicros());
                assertEquals(1000 + i, j.monotonicMicros());
                assertEquals("0123456789abcdef0123456789abcdef", j.bootId());
                i++;
            }
            assertEquals(ENTRIES, i);
        }
    }

    @Test
    void readLoopAllocatesNothingPerEntryOnceWarm() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        FieldName seq = FieldName.of("SEQ");
        try (Journal j = Journal.openFiles(List.of(journal))) {
            long checksum = 0;
            for (int pass = 0; pass < 300; pass++) {
                checksum += readAllFields(j, seq);
            }
            int passes = 50;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int pass = 0; pass < passes; pass++) {
                checksum += readAllFields(j, seq);
            }
            long perEntry = (threads.getCurrentThreadAllocatedBytes() - before) / ((long) passes * ENTRIES);
            System.out.println("[journal tests] read loop allocation: " + perEntry + " bytes/entry (checksum " + checksum + ")");
            assertTrue(perEntry < 8, perEntry + " bytes allocated per entry read (entry() + get(), all fields)");
        }
    }

    private static long readAllFields(Journal j, FieldName seq) {
        long sum = 0;
        j.seekHead();
        while (j.next()) {
            JournalEntry entry = j.entry();
            for (int i = 0; i < entry.size(); i++) {
                sum += entry.value(i).length() + entry.name(i).length();
            }
            sum += j.get(seq).byteAt(0);
        }
        return sum;
    }

    @Test
    void truncatedFileFailsToOpenWithENODATA() throws IOException {
        Path truncated = dir.resolve("truncated.journal");
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        JournalException e = assertThrows(JournalException.class, () -> Journal.openFiles(List.of(truncated)));
        assertEquals("sd_journal_open_files", e.function());
        assertEquals(ENODATA, e.errno(), e.getMessage());
    }

    @Test
    void garbageFileFailsToOpenWithEBADMSG() throws IOException {
        Path garbage = dir.resolve("garbage.journal");
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        Files.write(garbage, bytes);
        JournalException e = assertThrows(JournalException.class, () -> Journal.openFiles(List.of(garbage)));
        assertEquals("sd_journal_open_files", e.function());
        assertEquals(EBADMSG, e.errno(), e.getMessage());
    }

    @Test
    void brokenDataObjectDropsOnlyThatFieldAndReadingContinues() throws IOException {
        Path corrupted = dir.resolve("corrupted.journal");
        byte[] bytes = Files.readAllBytes(journal);
        int payload = indexOf(bytes, ("MESSAGE=" + message(100)).getBytes(StandardCharsets.UTF_8));
        // The data object's header sits before its payload (72 bytes in compact files, 64 otherwise);
        // giving it an impossible size makes libsystemd reject the object.
        int header = bytes[payload - 72] == 1 ? payload - 72 : payload - 64;
        assertEquals(1, bytes[header], "expected the DATA object type before the payload");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(header + 8, 3);
        Files.write(corrupted, bytes);

        // libsystemd skips data objects it cannot read (sd_journal_enumerate_data and _get_data treat
        // EBADMSG as "try the next one"), so the broken MESSAGE vanishes from entry 100 and nothing else.
        List<Integer> read = new ArrayList<>();
        try (Journal j = Journal.openFiles(List.of(corrupted))) {
            j.seekHead();
            while (j.next()) {
                int i = (int) ((j.realtimeMicros() - BASE_REALTIME) / 1000);
                JournalEntry entry = j.entry();
                assertEquals(Integer.toString(i), entry.first("SEQ").asString());
                assertArrayEquals(payload(i), entry.first("BINARY_PAYLOAD").toByteArray(), "entry " + i);
                if (i == 100) {
                    assertNull(entry.first("MESSAGE"), "unreadable MESSAGE must not come back as data");
                    assertNull(j.get("MESSAGE"));
                } else {
                    assertEquals(message(i), entry.first("MESSAGE").asString(), "entry " + i + " altered");
                }
                read.add(i);
            }
        }
        assertEquals(ENTRIES, read.size());
        for (int i = 0; i < ENTRIES; i++) {
            assertEquals(i, read.get(i));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found in journal file");
    }
}
