package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import day2ops.journal.testing.RoundTripFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(JournaldExtension.class)
class RoundTripTest {

    private static final int ENTRIES = 100_000;

    @Test
    void hundredThousandEntriesWithCustomAndBinaryFieldsComeBackUnchanged(IsolatedJournald journald) throws Exception {
        String run = UUID.randomUUID().toString();
        journald.sendRoundTrip(run, 0, ENTRIES);
        journald.sync();

        List<String> problems = new ArrayList<>();
        int read = 0;
        FieldName binary = FieldName.of("BINARY_PAYLOAD");
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            journal.addMatch(RoundTripFixture.RUN, run);
            journal.seekHead();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (read < ENTRIES && System.nanoTime() < deadline) {
                if (!journal.next()) {
                    journal.await(Duration.ofMillis(500));
                    continue;
                }
                JournalEntry entry = journal.entry();
                for (String field : RoundTripFixture.FIELDS) {
                    int occurrences = 0;
                    for (int f = 0; f < entry.size(); f++) {
                        if (entry.name(f).equals(field)) {
                            occurrences++;
                            if (!entry.value(f).contentEquals(RoundTripFixture.expected(field, run, read))) {
                                problems.add("entry " + read + ": " + field + " altered: " + entry.value(f));
                            }
                        }
                    }
                    if (occurrences != 1) {
                        problems.add("entry " + read + ": " + field + " present " + occurrences + " times");
                    }
                }
                if (read % 997 == 0) {
                    FieldValue value = journal.get(binary);
                    assertNotNull(value, "BINARY_PAYLOAD by sd_journal_get_data at entry " + read);
                    if (!value.contentEquals(RoundTripFixture.binary(read)) || value.isUtf8()) {
                        problems.add("entry " + read + ": sd_journal_get_data returned altered BINARY_PAYLOAD");
                    }
                }
                read++;
                if (problems.size() > 20) {
                    break;
                }
            }
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first: " + problems.subList(0, Math.min(5, problems.size())));
            assertEquals(ENTRIES, read, "entries read back");
            assertTrue(!journal.next(), "no entry beyond the " + ENTRIES + " written");
        }
    }
}
