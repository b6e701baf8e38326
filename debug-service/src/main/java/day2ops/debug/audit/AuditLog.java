package day2ops.debug.audit;

import day2ops.debug.config.DebugConfig;
import day2ops.journal.JournalWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes audit records to journald with structured fields ({@code DAY2OPS_*}), so that
 * {@code journalctl -t day2ops-debug DAY2OPS_UID=alice} answers who ran what, where and when.
 * A {@link JournalWriter} is confined to the thread that made it, so all records go through one thread.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final String identifier;
    private final long writeTimeoutMillis;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "audit-journal");
        t.setDaemon(true);
        return t;
    });
    private JournalWriter writer;

    public AuditLog(DebugConfig config) {
        this.identifier = config.audit().identifier();
        this.writeTimeoutMillis = config.audit().writeTimeout().toMillis();
    }

    /** An audit record: an event name, a message for people, and fields (names without the prefix). */
    public record Record(String event, String message, Map<String, String> fields) {

        public Record {
            fields = new LinkedHashMap<>(fields);
        }
    }

    /** Writes a record and waits until journald has it; throws when it cannot be written in time. */
    public void writeNow(Record record) throws AuditUnavailableException {
        Future<?> written = thread.submit(() -> send(record));
        try {
            written.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("audit record could not be written to journald: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("audit record was not written to journald within " + writeTimeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing the audit record", e);
        }
    }

    /** Writes a record in the background; a failure is logged (the session it describes is already over). */
    public void write(Record record) {
        thread.execute(() -> {
            try {
                send(record);
            } catch (RuntimeException e) {
                LOG.errorf(e, "audit record lost: %s %s", record.event(), record.fields());
            }
        });
    }

    private void send(Record record) {
        if (writer == null) {
            writer = JournalWriter.create();
        }
        writer.add("MESSAGE", record.message())
                .add("PRIORITY", "5")
                .add("SYSLOG_IDENTIFIER", identifier)
                .add("DAY2OPS_AUDIT_EVENT", record.event());
        record.fields().forEach((name, value) -> writer.add("DAY2OPS_" + name, value));
        writer.send();
    }

    @PreDestroy
    void stop() {
        thread.shutdown();
    }

    /** The audit trail cannot be written; sessions are refused rather than run unrecorded. */
    public static final class AuditUnavailableException extends Exception {
        public AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
