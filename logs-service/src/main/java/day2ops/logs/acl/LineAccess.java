package day2ops.logs.acl;

import day2ops.common.auth.Permissions;
import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.logs.journal.JournalStream.LineFilter;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-line authorization. {@code dcos:adminrouter:ops:system-logs} (or {@code dcos:superuser}) sees
 * every line. Anyone else sees only task lines (entries with {@code FRAMEWORK_ID} and
 * {@code EXECUTOR_ID}) of applications they hold {@code dcos:mesos:agent:sandbox:app_id:<app>} for
 * (group ids cover their applications); a line whose task cannot be resolved is not permitted.
 * Lines not permitted are left out silently.
 */
public final class LineAccess {

    private static final FieldName FRAMEWORK_ID = FieldName.of("FRAMEWORK_ID");
    private static final FieldName EXECUTOR_ID = FieldName.of("EXECUTOR_ID");
    private static final FieldName CONTAINER_ID = FieldName.of("CONTAINER_ID");

    private LineAccess() {
    }

    public static boolean seesEverything(SecurityIdentity identity) {
        return identity.hasRole(Permissions.SYSTEM_LOGS) || identity.hasRole(Permissions.SUPERUSER);
    }

    /** Whether the caller may see any task line at all (holds some application permission). */
    public static boolean mayHoldTaskLines(SecurityIdentity identity) {
        return seesEverything(identity)
                || identity.getRoles().stream().anyMatch(r -> r.startsWith(Permissions.APP_SANDBOX_PREFIX));
    }

    /** The filter for {@code identity}, or {@code null} when it sees everything. One per request (it caches decisions). */
    public static LineFilter filterFor(SecurityIdentity identity, TaskAppResolver resolver) {
        if (seesEverything(identity)) {
            return null;
        }
        Set<String> held = identity.getRoles();
        Map<String, Boolean> decisions = new HashMap<>();
        return journal -> {
            FieldValue fw = journal.get(FRAMEWORK_ID);
            FieldValue ex = journal.get(EXECUTOR_ID);
            if (fw == null || ex == null) {
                return false;
            }
            FieldValue cid = journal.get(CONTAINER_ID);
            String frameworkId = fw.asString();
            String executorId = ex.asString();
            String containerId = cid == null ? "" : cid.asString();
            String key = frameworkId + '\u0000' + executorId + '\u0000' + containerId;
            return decisions.computeIfAbsent(key, k -> permitted(held, resolver.appId(frameworkId, executorId, containerId)));
        };
    }

    static boolean permitted(Set<String> held, Optional<String> appId) {
        if (appId.isEmpty()) {
            return false;
        }
        try {
            return Permissions.grants(held, Permissions.appSandbox(appId.get()));
        } catch (IllegalArgumentException invalidAppId) {
            return false;
        }
    }

    /** Whether {@code identity} may read the task's lines (for routes scoped to one task). */
    public static boolean mayReadTask(SecurityIdentity identity, TaskAppResolver resolver, String fw, String ex, String cid) {
        return seesEverything(identity) || permitted(identity.getRoles(), resolver.appId(fw, ex, cid));
    }
}
