package day2ops.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record: the event ({@code DAY2OPS_AUDIT_EVENT}), a sentence for people ({@code MESSAGE}) and
 * structured fields, named without their {@code DAY2OPS_} prefix ({@code UID} is written as {@code DAY2OPS_UID}).
 */
public record AuditRecord(String event, String message, Map<String, String> fields) {

    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(message, "message");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
