package day2ops.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One allow/deny decision on a request, as recorded: who ({@code uid}, {@code anonymous} without a valid
 * token), what ({@code method}, {@code path}), the permission the decision was about, why a denial
 * ({@code reason}), and from where ({@code remote}: the peer address; {@code forwardedFor}: what
 * Adminrouter says in {@code X-Forwarded-For}), plus what the deciding service adds ({@code details},
 * e.g. {@code TASK_ID}, names without the {@code DAY2OPS_} prefix).
 */
public record AccessDecision(boolean allowed, String uid, String method, String path, String permission,
        Optional<String> reason, String remote, Optional<String> forwardedFor, Map<String, String> details) {

    public AccessDecision {
        details = Map.copyOf(details);
    }

    public AccessDecision(boolean allowed, String uid, String method, String path, String permission,
            Optional<String> reason, String remote, Optional<String> forwardedFor) {
        this(allowed, uid, method, path, permission, reason, remote, forwardedFor, Map.of());
    }

    public static final String ANONYMOUS = "anonymous";
    /** The permission of a decision that was about authentication (no or an invalid token). */
    public static final String AUTHENTICATED = "authenticated";
    public static final String EVENT = "access";

    /** The audit record of this decision. */
    public AuditRecord toRecord() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("DECISION", allowed ? "allow" : "deny");
        fields.put("UID", uid);
        fields.put("METHOD", method);
        fields.put("PATH", path);
        fields.put("PERMISSION", permission);
        reason.ifPresent(r -> fields.put("REASON", r));
        fields.put("REMOTE", remote);
        forwardedFor.ifPresent(f -> fields.put("FORWARDED_FOR", f));
        new java.util.TreeMap<>(details).forEach(fields::putIfAbsent);
        String message = (allowed ? "allow " : "deny ") + uid + " " + method + " " + path + " (" + permission + ")"
                + reason.map(r -> ": " + r).orElse("");
        return new AuditRecord(EVENT, message, fields);
    }
}
