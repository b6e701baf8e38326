package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import day2ops.journal.testing.RoundTripFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A follower driven by {@link Journal#await} keeps reading while journald rotates its files and old
 * archives are vacuumed, and sees every entry exactly once, in order.
 */
@ExtendWith(JournaldExtension.class)
class FollowTest {

    private static final int BATCHES = 5;
    private static final int PER_BATCH = 2_000;

    @Test
    void followAcrossRotationAndVacuumLosesAndDuplicatesNothing(IsolatedJournald journald) throws Exception {
        String run = UUID.randomUUID().toString();
        AtomicInteger followed = new AtomicInteger();
        int filesBefore;
        List<Integer> seen = new ArrayList<>(BATCHES * PER_BATCH);
        int invalidations = 0;
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            journal.addMatch(RoundTripFixture.RUN, run);
            journal.seekTailForFollow();
            filesBefore = journald.journalFiles().size();

            CompletableFuture<Void> driver = CompletableFuture.runAsync(() -> {
                try {
                    for (int batch = 0; batch < BATCHES; batch++) {
                        journald.sendRoundTrip(run, batch * PER_BATCH, PER_BATCH);
                        journald.sync();
                        journald.rotate();
                        waitFor(followed, (batch + 1) * PER_BATCH);
                        journald.vacuumFiles(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            FieldName index = FieldName.of(RoundTripFixture.INDEX);
            while (seen.size() < BATCHES * PER_BATCH && System.nanoTime() < deadline && !driver.isCompletedExceptionally()) {
                if (journal.next()) {
                    seen.add(Integer.parseInt(journal.get(index).asString()));
                    followed.set(seen.size());
                } else if (journal.await(Duration.ofSeconds(1)) == WaitResult.INVALIDATE) {
                    invalidations++;
                }
            }
            driver.get(30, TimeUnit.SECONDS);
            assertTrue(!journal.next(), "nothing beyond what was written");
        }
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) != i) {
                throw new AssertionError("position " + i + " holds entry " + seen.get(i) + " (lost or duplicated)");
            }
        }
        assertEquals(BATCHES * PER_BATCH, seen.size());
        assertTrue(invalidations > 0, "rotation was observed as INVALIDATE at least once");
        int filesAfter = journald.journalFiles().size();
        System.out.println("[journal tests] follow: " + invalidations + " INVALIDATE wakeups, journal files "
                + filesBefore + " before, " + filesAfter + " after " + BATCHES + " rotations with vacuum");
        assertTrue(filesAfter <= 3, "vacuum removed archived files: " + filesAfter + " left");
    }

    @Test
    void followFromTailSkipsExistingEntriesAndReadsOnlyNewOnes(IsolatedJournald journald) throws Exception {
        String run = UUID.randomUUID().toString();
        journald.sendRoundTrip(run, 0, 100);
        journald.sync();
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            journal.addMatch(RoundTripFixture.RUN, run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            journal.seekHead();
            while (journal.skipNext(100) < 100 && System.nanoTime() < deadline) {
                journal.await(Duration.ofMillis(200));
                journal.seekHead();
            }
            journal.seekTailForFollow();
            journald.sendRoundTrip(run, 100, 100);
            journald.sync();
            List<Integer> seen = new ArrayList<>();
            while (seen.size() < 100 && System.nanoTime() < deadline) {
                if (journal.next()) {
                    seen.add(Integer.parseInt(journal.get(RoundTripFixture.INDEX).asString()));
                } else {
                    journal.await(Duration.ofMillis(500));
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 100; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen, "exactly the entries written after seekTailForFollow()");
        }
    }

    private static void waitFor(AtomicInteger followed, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (followed.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
