package day2ops.common.audit;

import day2ops.common.rest.ServiceIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The service's audit trail in journald ({@code journalctl -t day2ops-audit}): every record carries
 * {@code DAY2OPS_AUDIT_EVENT} and {@code DAY2OPS_SERVICE}, see {@link AuditWriter} for the delivery rules.
 * Dropped records are counted in {@code day2ops_audit_dropped_total{reason}}.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditWriter writer;

    public AuditLog(AuditConfig config, ServiceIdentity service, MeterRegistry registry) {
        Map<String, Counter> dropped = Map.of(
                AuditWriter.QUEUE_FULL, counter(registry, AuditWriter.QUEUE_FULL),
                AuditWriter.JOURNAL_FAILED, counter(registry, AuditWriter.JOURNAL_FAILED));
        this.writer = new AuditWriter(config.identifier(), service.name(), config.socket(), config.queueCapacity(),
                config.writeTimeout(), reason -> dropped.get(reason).increment());
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("day2ops.audit.dropped")
                .description("Audit records not written: the queue was full or journald refused them")
                .tag("reason", reason)
                .register(registry);
    }

    /** Queues a record without waiting; a record that cannot be queued or written is dropped and counted. */
    public void write(AuditRecord record) {
        writer.write(record);
    }

    /** Writes a record and waits until journald has it (at most {@code day2ops.audit.write-timeout}). */
    public void writeNow(AuditRecord record) throws AuditUnavailableException {
        writer.writeNow(record);
    }

    @PreDestroy
    void stop() {
        writer.close();
    }
}
