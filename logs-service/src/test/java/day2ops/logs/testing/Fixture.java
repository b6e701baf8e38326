package day2ops.logs.testing;

import day2ops.journal.testing.IsolatedJournald;
import day2ops.journal.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Entries written to the isolated journald for one test: each carries {@code TEST_RUN=<run>} (so a
 * test reads only its own entries by matching on it) and {@code SEQ=<i>}. Entry i has
 * {@code STREAM=STDERR} when i is odd, a binary {@code BINARY_PAYLOAD} (NUL, 0xFF, newline, invalid
 * UTF-8) when {@code i % 7 == 3}, the field {@code REPEATED} twice when {@code i % 5 == 0}, and a
 * multi-line message when {@code i % 11 == 4}.
 */
public final class Fixture {

    public static final byte[] BINARY = {0, (byte) 0xff, '\n', 'x', (byte) 0xc3, '(', 1};

    private Fixture() {
    }

    public static String newRun() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static String message(String run, int i) {
        return i % 11 == 4 ? "entry " + i + " of " + run + "\nsecond line" : "entry " + i + " of " + run;
    }

    /** Writes entries {@code from .. from+count-1} of {@code run} and waits until they are readable. */
    public static void write(String run, int from, int count, String... extra) throws IOException, InterruptedException {
        IsolatedJournald journald = TestJournald.get();
        for (int i = from; i < from + count; i++) {
            List<Map.Entry<String, byte[]>> fields = new ArrayList<>();
            fields.add(field("MESSAGE", message(run, i)));
            fields.add(field("TEST_RUN", run));
            fields.add(field("SEQ", Integer.toString(i)));
            fields.add(field("STREAM", i % 2 == 1 ? "STDERR" : "STDOUT"));
            fields.add(field("SYSLOG_IDENTIFIER", "fixture"));
            fields.add(field("PRIORITY", "6"));
            if (i % 7 == 3) {
                fields.add(Map.entry("BINARY_PAYLOAD", BINARY));
            }
            if (i % 5 == 0) {
                fields.add(field("REPEATED", "first"));
                fields.add(field("REPEATED", "second"));
            }
            for (int k = 0; k < extra.length; k += 2) {
                fields.add(field(extra[k], extra[k + 1]));
            }
            journald.send(fields);
        }
        journald.sync();
        awaitVisible(run, from + count);
    }

    private static Map.Entry<String, byte[]> field(String name, String value) {
        return Map.entry(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits (bounded) until {@code expected} entries of {@code run} can be read from the namespace. */
    public static void awaitVisible(String run, int expected) throws InterruptedException {
        String namespace = TestJournald.get().namespace();
        long deadline = System.nanoTime() + 20_000_000_000L;
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try (Journal journal = Journal.openNamespace(namespace)) {
                journal.addMatch("TEST_RUN", run);
                journal.seekHead();
                seen = 0;
                while (journal.next()) {
                    seen++;
                }
            }
            if (seen >= expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journald did not store " + expected + " entries of run " + run + " (saw " + seen + ")");
    }

    /** Cursors of {@code run}'s entries in journal order, read directly from the namespace. */
    public static List<String> cursors(String run) {
        List<String> cursors = new ArrayList<>();
        try (Journal journal = Journal.openNamespace(TestJournald.get().namespace())) {
            journal.addMatch("TEST_RUN", run);
            journal.seekHead();
            while (journal.next()) {
                cursors.add(journal.cursor());
            }
        }
        return cursors;
    }
}
