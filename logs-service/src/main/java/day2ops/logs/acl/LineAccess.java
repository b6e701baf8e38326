package day2ops.logs.acl;

import day2ops.common.auth.Permissions;
import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.logs.journal.JournalStream.LineFilter;
import day2ops.logs.journal.JournalStream.Verdict;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * The filter for {@code identity}, or {@code null} when it sees everything. One per request (it caches
     * decisions). A line of a task the agent's state does not know yet is not decided on the spot: the
     * filter answers {@link Verdict#waitFor} with the pending agent call, and decides from the state at
     * hand when asked again.
     */
    public static LineFilter filterFor(SecurityIdentity identity, TaskAppResolver resolver) {
        if (seesEverything(identity)) {
            return null;
        }
        Set<String> held = identity.getRoles();
        Map<String, Boolean> decisions = new HashMap<>();
        Set<String> waited = new HashSet<>();
        return journal -> {
            FieldValue fw = journal.get(FRAMEWORK_ID);
            FieldValue ex = journal.get(EXECUTOR_ID);
            if (fw == null || ex == null) {
                return Verdict.DENY;
            }
            FieldValue cid = journal.get(CONTAINER_ID);
            String frameworkId = fw.asString();
            String executorId = ex.asString();
            String containerId = cid == null ? "" : cid.asString();
            String key = frameworkId + '\u0000' + executorId + '\u0000' + containerId;
            Boolean decided = decisions.get(key);
            if (decided == null) {
                Optional<String> app;
                if (waited.contains(key)) {
                    app = resolver.known(frameworkId, executorId, containerId);
                } else {
                    TaskAppResolver.Lookup lookup = resolver.lookup(frameworkId, executorId, containerId);
                    if (lookup.pending() != null) {
                        waited.add(key);
                        return Verdict.waitFor(lookup.pending());
                    }
                    app = lookup.appId();
                }
                decided = permitted(held, app);
                decisions.put(key, decided);
            }
            return decided ? Verdict.PERMIT : Verdict.DENY;
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

    /**
     * Whether {@code identity} may read the task's lines (for routes scoped to one task). Completes at once
     * unless the agent has to be asked; never blocks.
     */
    public static CompletionStage<Boolean> mayReadTask(SecurityIdentity identity, TaskAppResolver resolver, String fw,
            String ex, String cid) {
        if (seesEverything(identity)) {
            return CompletableFuture.completedFuture(true);
        }
        return resolver.resolve(fw, ex, cid).thenApply(app -> permitted(identity.getRoles(), app));
    }
}
