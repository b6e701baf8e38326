package day2ops.common.audit;

import day2ops.journal.JournalWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Writes {@link AuditRecord}s to journald from one thread of its own, fed by a bounded queue: callers
 * (event loops included) never wait for journald unless they ask for confirmation ({@link #writeNow}).
 * A {@link JournalWriter} is confined to the thread that made it, which this thread is.
 *
 * <p>Unconfirmed records that cannot be queued (queue full) or written (journald absent) are dropped:
 * each drop is reported to {@code onDrop} with its reason ({@value #QUEUE_FULL}, {@value #JOURNAL_FAILED})
 * and logged at most once per {@link #LOG_INTERVAL} with the count since the last message.
 */
public final class AuditWriter implements AutoCloseable {

    public static final String QUEUE_FULL = "queue-full";
    public static final String JOURNAL_FAILED = "journal-failed";
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    private record Pending(AuditRecord record, CompletableFuture<Void> written) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final String identifier;
    private final String service;
    private final Optional<Path> socket;
    private final Duration writeTimeout;
    private final Consumer<String> onDrop;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final Object dropLog = new Object();
    private long dropsSinceLog;
    private long lastDropLog = System.nanoTime() - LOG_INTERVAL.toNanos();
    private JournalWriter writer;

    /**
     * @param identifier {@code SYSLOG_IDENTIFIER} of the records
     * @param service the service writing them ({@code DAY2OPS_SERVICE})
     * @param socket journald's native socket, or empty for the system journal
     * @param capacity records that may wait for the writer thread
     * @param writeTimeout how long {@link #writeNow} waits
     * @param onDrop told the reason of every dropped record
     */
    public AuditWriter(String identifier, String service, Optional<Path> socket, int capacity, Duration writeTimeout,
            Consumer<String> onDrop) {
        this.identifier = identifier;
        this.service = service;
        this.socket = socket;
        this.writeTimeout = writeTimeout;
        this.onDrop = onDrop;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "day2ops-audit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a record; never blocks. Returns false when it was dropped because the queue is full. */
    public boolean write(AuditRecord record) {
        if (queue.offer(new Pending(record, null))) {
            return true;
        }
        dropped(QUEUE_FULL, record, null);
        return false;
    }

    /** Writes a record and returns once journald has taken it; for records whose loss is not acceptable. */
    public void writeNow(AuditRecord record) throws AuditUnavailableException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!queue.offer(new Pending(record, written))) {
            throw new AuditUnavailableException("the audit queue is full (" + queue.size() + " records waiting)", null);
        }
        try {
            written.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("audit record could not be written to journald: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("audit record was not written to journald within " + writeTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing the audit record", e);
        }
    }

    private void run() {
        try {
            while (true) {
                Pending pending = queue.take();
                if (pending == STOP) {
                    return;
                }
                try {
                    send(pending.record());
                    if (pending.written() != null) {
                        pending.written().complete(null);
                    }
                } catch (RuntimeException e) {
                    // The next record starts over with a new writer (a restarted journald, a new socket).
                    closeWriter();
                    if (pending.written() != null) {
                        pending.written().completeExceptionally(e);
                    } else {
                        dropped(JOURNAL_FAILED, pending.record(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWriter();
        }
    }

    private void send(AuditRecord record) {
        if (writer == null) {
            writer = socket.map(JournalWriter::create).orElseGet(JournalWriter::create);
        }
        writer.clear();
        writer.add("MESSAGE", record.message())
                .add("PRIORITY", "5")
                .add("SYSLOG_IDENTIFIER", identifier)
                .add("DAY2OPS_AUDIT_EVENT", record.event())
                .add("DAY2OPS_SERVICE", service);
        record.fields().forEach((name, value) -> writer.add("DAY2OPS_" + name, value));
        writer.send();
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private void dropped(String reason, AuditRecord record, Throwable cause) {
        onDrop.accept(reason);
        synchronized (dropLog) {
            dropsSinceLog++;
            long now = System.nanoTime();
            if (now - lastDropLog >= LOG_INTERVAL.toNanos()) {
                LOG.errorf("%d audit record(s) dropped since the last report; latest: %s (%s: %s)%s", dropsSinceLog,
                        record.message(), reason, cause == null ? "queue of " + (queue.size() + queue.remainingCapacity()) + " full" : cause.getMessage(),
                        socket.map(s -> ", socket " + s).orElse(""));
                dropsSinceLog = 0;
                lastDropLog = now;
            }
        }
    }

    /** Writes what is queued (waiting at most the write timeout), then stops the thread. */
    @Override
    public void close() {
        try {
            if (queue.offer(STOP, writeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.join(writeTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
