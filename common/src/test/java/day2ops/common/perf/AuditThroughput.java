package day2ops.common.perf;

import day2ops.common.audit.AccessDecision;
import day2ops.common.audit.AuditRecord;
import day2ops.common.audit.AuditUnavailableException;
import day2ops.common.audit.AuditWriter;
import day2ops.journal.testing.IsolatedJournald;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the audit trail takes records, against a real journald. A plain {@code main} (test class path):
 *
 * <pre>
 * java -cp "$(cat cp.txt):common/target/classes:common/target/test-classes" day2ops.common.perf.AuditThroughput \
 *     [socket|-] [records] [queue]
 * </pre>
 *
 * {@code socket}: a journald native socket, {@code isolated} (a journald of its own in a private namespace, as
 * the tests use; needs root) or {@code -} (the system journal via sd_journal_sendv). Reports the
 * time a burst of access records takes to queue (what a request pays) and to reach journald, how many were
 * dropped, and the latency of confirmed writes (what an exec session start pays).
 */
public final class AuditThroughput {

    private AuditThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "isolated";
        IsolatedJournald isolated = target.equals("isolated") ? IsolatedJournald.start() : null;
        Optional<Path> socket = isolated != null ? Optional.of(Path.of("/run/systemd/journal." + isolated.namespace(), "socket"))
                : target.equals("-") ? Optional.empty() : Optional.of(Path.of(target));
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queue = args.length > 2 ? Integer.parseInt(args[2]) : 8192;
        String run = Long.toString(System.nanoTime());
        AtomicLong dropped = new AtomicLong();
        long queuedNanos;
        long totalNanos;
        long[] confirmed = new long[1000];
        try (AuditWriter writer = new AuditWriter("day2ops-audit-perf", "perf", socket, queue, Duration.ofSeconds(120),
                reason -> dropped.incrementAndGet())) {
            writer.writeNow(new AuditRecord("warm-up", "warm-up", Map.of()));
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                writer.write(new AccessDecision(true, "perf-" + run, "GET", "/v1/range/" + i, "dcos:adminrouter:ops:system-logs",
                        Optional.empty(), "127.0.0.1", Optional.empty()).toRecord());
            }
            queuedNanos = System.nanoTime() - start;
            // The burst may have filled the queue: the barrier waits for room, then for everything before it.
            while (true) {
                try {
                    writer.writeNow(new AuditRecord("barrier", "all queued records are written before this one", Map.of()));
                    break;
                } catch (AuditUnavailableException e) {
                    if (!e.getMessage().contains("queue is full")) {
                        throw e;
                    }
                    Thread.sleep(1);
                }
            }
            totalNanos = System.nanoTime() - start;
            for (int i = 0; i < confirmed.length; i++) {
                long t = System.nanoTime();
                writer.writeNow(new AuditRecord("exec-start", "confirmed " + i, Map.of("RUN", run)));
                confirmed[i] = System.nanoTime() - t;
            }
        } catch (AuditUnavailableException e) {
            System.err.println("journald unavailable: " + e.getMessage());
            System.exit(1);
            return;
        } finally {
            if (isolated != null) {
                isolated.close();
            }
        }
        Arrays.sort(confirmed);
        System.out.printf("target %s, %d access records, queue %d%n", socket.map(Path::toString).orElse("system journal"), records, queue);
        System.out.printf("queued in %.1f ms (%.2f µs per record, what a request pays)%n", queuedNanos / 1e6, queuedNanos / 1e3 / records);
        System.out.printf("written in %.1f ms: %.0f records/s reached journald, %d dropped (queue full)%n",
                totalNanos / 1e6, (records - dropped.get()) / (totalNanos / 1e9), dropped.get());
        System.out.printf("confirmed writes, n=%d: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", confirmed.length,
                confirmed[confirmed.length / 2] / 1e6, confirmed[confirmed.length * 99 / 100] / 1e6, confirmed[confirmed.length - 1] / 1e6);
    }
}
