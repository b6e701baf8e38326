package day2ops.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.testing.AuditJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The audit writer against a real journald (a private namespace), read back with journalctl as operators would. */
class AuditWriterTest {

    private static final String IDENTIFIER = "day2ops-audit-test";
    private static final Path NO_JOURNALD = Path.of("/run/day2ops-no-such-journald/socket");

    @Test
    void accessDecisionsAreReadBackWithTheirStructuredFields() throws Exception {
        String uid = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> drops = new CopyOnWriteArrayList<>();
        try (AuditWriter writer = new AuditWriter(IDENTIFIER, "logs", Optional.of(AuditJournal.socket()), 16,
                Duration.ofSeconds(5), drops::add)) {
            assertTrue(writer.write(new AccessDecision(true, uid, "GET", "/v1/range/", "dcos:adminrouter:ops:system-logs",
                    Optional.empty(), "127.0.0.1", Optional.of("10.0.0.7")).toRecord()));
            assertTrue(writer.write(new AccessDecision(false, uid, "GET", "/v1/range/framework/f/executor/e/container/c",
                    "dcos:mesos:agent:sandbox:app_id:/team/app", Optional.of("the token does not carry it\nsecond line"),
                    "127.0.0.1", Optional.empty()).toRecord()));
        }
        List<Map<String, String>> denies = AuditJournal.await(1, "-t", IDENTIFIER, "DAY2OPS_UID=" + uid, "DAY2OPS_DECISION=deny");
        assertEquals(1, denies.size(), "exactly the one denial: " + denies);
        Map<String, String> deny = denies.get(0);
        assertEquals("access", deny.get("DAY2OPS_AUDIT_EVENT"));
        assertEquals("logs", deny.get("DAY2OPS_SERVICE"));
        assertEquals("GET", deny.get("DAY2OPS_METHOD"));
        assertEquals("/v1/range/framework/f/executor/e/container/c", deny.get("DAY2OPS_PATH"));
        assertEquals("dcos:mesos:agent:sandbox:app_id:/team/app", deny.get("DAY2OPS_PERMISSION"));
        assertEquals("the token does not carry it\nsecond line", deny.get("DAY2OPS_REASON"), "a multi-line value survives");
        assertEquals("127.0.0.1", deny.get("DAY2OPS_REMOTE"));
        assertFalse(deny.containsKey("DAY2OPS_FORWARDED_FOR"));
        assertEquals("5", deny.get("PRIORITY"));

        Map<String, String> allow = AuditJournal.await(1, "-t", IDENTIFIER, "DAY2OPS_UID=" + uid, "DAY2OPS_DECISION=allow").get(0);
        assertEquals("dcos:adminrouter:ops:system-logs", allow.get("DAY2OPS_PERMISSION"));
        assertEquals("10.0.0.7", allow.get("DAY2OPS_FORWARDED_FOR"));
        assertFalse(allow.containsKey("DAY2OPS_REASON"));
        assertEquals("allow " + uid + " GET /v1/range/ (dcos:adminrouter:ops:system-logs)", allow.get("MESSAGE"));
        assertEquals(List.of(), drops);
    }

    @Test
    void writeNowReturnsOnlyOnceJournaldHasTheRecord() throws Exception {
        String session = UUID.randomUUID().toString();
        try (AuditWriter writer = new AuditWriter(IDENTIFIER, "debug", Optional.of(AuditJournal.socket()), 16,
                Duration.ofSeconds(5), reason -> { })) {
            writer.writeNow(new AuditRecord("exec-start", "session " + session, Map.of("SESSION_ID", session)));
        }
        assertEquals("exec-start", AuditJournal.await(1, "DAY2OPS_SESSION_ID=" + session).get(0).get("DAY2OPS_AUDIT_EVENT"));
    }

    @Test
    void writeNowFailsWhenJournaldIsAbsent() {
        try (AuditWriter writer = new AuditWriter(IDENTIFIER, "debug", Optional.of(NO_JOURNALD), 16,
                Duration.ofSeconds(5), reason -> { })) {
            AuditUnavailableException e = assertThrows(AuditUnavailableException.class,
                    () -> writer.writeNow(new AuditRecord("exec-start", "lost", Map.of())));
            assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
            assertTrue(e.getMessage().contains(NO_JOURNALD.toString()), e.getMessage());
        }
    }

    @Test
    void recordsJournaldRefusesAreDroppedAndCountedNotThrown() throws Exception {
        List<String> drops = new CopyOnWriteArrayList<>();
        CountDownLatch counted = new CountDownLatch(3);
        try (AuditWriter writer = new AuditWriter(IDENTIFIER, "metrics", Optional.of(NO_JOURNALD), 16,
                Duration.ofSeconds(5), reason -> {
                    drops.add(reason);
                    counted.countDown();
                })) {
            for (int i = 0; i < 3; i++) {
                assertTrue(writer.write(new AuditRecord("access", "lost " + i, Map.of())), "queued, never thrown");
            }
            assertTrue(counted.await(30, TimeUnit.SECONDS), "drops reported: " + drops);
        }
        assertEquals(List.of(AuditWriter.JOURNAL_FAILED, AuditWriter.JOURNAL_FAILED, AuditWriter.JOURNAL_FAILED), drops);
    }

    @Test
    void aFullQueueDropsTheRecordWithoutWaiting() throws Exception {
        List<String> drops = new CopyOnWriteArrayList<>();
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The writer thread reports the first (unwritable) record's drop, and is held there: the queue behind it fills.
        try (AuditWriter writer = new AuditWriter(IDENTIFIER, "metrics", Optional.of(NO_JOURNALD), 2,
                Duration.ofSeconds(5), reason -> {
                    drops.add(reason);
                    if (reason.equals(AuditWriter.JOURNAL_FAILED) && writerBusy.getCount() > 0) {
                        writerBusy.countDown();
                        awaitQuietly(release);
                    }
                })) {
            assertTrue(writer.write(new AuditRecord("access", "first", Map.of())));
            assertTrue(writerBusy.await(30, TimeUnit.SECONDS));
            assertTrue(writer.write(new AuditRecord("access", "second", Map.of())));
            assertTrue(writer.write(new AuditRecord("access", "third", Map.of())));
            assertFalse(writer.write(new AuditRecord("access", "fourth", Map.of())), "queue of 2 is full");
            assertThrows(AuditUnavailableException.class, () -> writer.writeNow(new AuditRecord("exec-start", "fifth", Map.of())),
                    "a record that must be confirmed is refused at once when the queue is full");
            assertEquals(List.of(AuditWriter.JOURNAL_FAILED, AuditWriter.QUEUE_FULL), drops);
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
