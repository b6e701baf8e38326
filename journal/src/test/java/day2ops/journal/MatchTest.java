package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Match semantics checked against journalctl reading the same namespace with the same matches. */
@ExtendWith(JournaldExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchTest {

    private static final String[] COLORS = {"red", "green", "blue"};
    private static final String[] SHAPES = {"circle", "square"};
    private static final String[] SIZES = {"s", "m", "l"};

    private IsolatedJournald journald;
    private String run;

    @BeforeAll
    void writeGrid(IsolatedJournald journald) throws Exception {
        this.journald = journald;
        this.run = "match-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 0;
        for (String color : COLORS) {
            for (String shape : SHAPES) {
                for (String size : SIZES) {
                    journald.send(List.of(
                            Map.entry("MESSAGE", bytes(run + "-" + n++ + "-" + color + "-" + shape + "-" + size)),
                            Map.entry("COLOR", bytes(color)),
                            Map.entry("SHAPE", bytes(shape)),
                            Map.entry("SIZE", bytes(size)),
                            Map.entry("MATCH_RUN", bytes(run))));
                }
            }
        }
        journald.sync();
        waitUntilVisible(n);
    }

    private void waitUntilVisible(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (read(j -> j.addMatch("MATCH_RUN", run)).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void sameFieldMatchesAreOred() throws Exception {
        assertSameAsJournalctl(j -> {
            j.addMatch("COLOR", "red");
            j.addMatch("COLOR", "blue");
        }, "COLOR=red", "COLOR=blue");
    }

    @Test
    void differentFieldMatchesAreAnded() throws Exception {
        assertSameAsJournalctl(j -> {
            j.addMatch("COLOR", "red");
            j.addMatch("SHAPE", "square");
        }, "COLOR=red", "SHAPE=square");
    }

    @Test
    void sameFieldOrInsideDifferentFieldAnd() throws Exception {
        assertSameAsJournalctl(j -> {
            j.addMatch("COLOR", "red");
            j.addMatch("SIZE", "s");
            j.addMatch("COLOR", "green");
        }, "COLOR=red", "SIZE=s", "COLOR=green");
    }

    @Test
    void explicitDisjunctionOrsTheGroups() throws Exception {
        assertSameAsJournalctl(j -> {
            j.addMatch("COLOR", "red");
            j.addMatch("SHAPE", "square");
            j.addDisjunction();
            j.addMatch("SIZE", "l");
        }, "COLOR=red", "SHAPE=square", "+", "SIZE=l");
    }

    @Test
    void conjunctionAndsDisjunctions() throws Exception {
        // journalctl has no syntax for sd_journal_add_conjunction; the expectation is computed from the grid.
        List<String> actual = read(j -> {
            j.addMatch("COLOR", "red");
            j.addDisjunction();
            j.addMatch("SIZE", "s");
            j.addConjunction();
            j.addMatch("SHAPE", "circle");
            j.addDisjunction();
            j.addMatch("SIZE", "l");
        });
        List<String> expected = new ArrayList<>();
        int n = 0;
        for (String color : COLORS) {
            for (String shape : SHAPES) {
                for (String size : SIZES) {
                    String message = run + "-" + n++ + "-" + color + "-" + shape + "-" + size;
                    if ((color.equals("red") || size.equals("s")) && (shape.equals("circle") || size.equals("l"))) {
                        expected.add(message);
                    }
                }
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    @Test
    void flushMatchesDropsEveryMatch() {
        List<String> all = read(j -> {
            j.addMatch("COLOR", "nonexistent");
            j.flushMatches();
        });
        assertEquals(COLORS.length * SHAPES.length * SIZES.length, all.size());
    }

    private void assertSameAsJournalctl(Consumer<Journal> matches, String... journalctlMatches) throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("-o", "cat", "--output-fields=MESSAGE"));
        args.addAll(List.of(journalctlMatches));
        for (String line : journald.journalctl(args.toArray(String[]::new))) {
            if (line.startsWith(run + "-")) {
                expected.add(line);
            }
        }
        assertFalse(expected.isEmpty(), "journalctl found nothing: the comparison would prove nothing");
        assertEquals(expected, read(matches));
    }

    private List<String> read(Consumer<Journal> matches) {
        List<String> messages = new ArrayList<>();
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            matches.accept(journal);
            journal.seekHead();
            while (journal.next()) {
                String message = journal.entry().first("MESSAGE").asString();
                if (message.startsWith(run + "-")) {
                    messages.add(message);
                }
            }
        }
        return messages;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
