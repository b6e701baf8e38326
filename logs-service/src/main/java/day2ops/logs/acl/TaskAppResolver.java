package day2ops.logs.acl;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which Marathon application a task (as journald names it: framework, executor, container) belongs
 * to. Never blocks: when the answer needs a call to the Mesos agent, {@link #lookup} says so with a
 * stage that completes once the agent has answered (or failed), and the caller comes back then.
 */
public interface TaskAppResolver {

    /** The answer now, or {@link Lookup#pending()} when it needs the agent's (newer) state. */
    Lookup lookup(String frameworkId, String executorId, String containerId);

    /** The answer from the state at hand, never asking the agent (for a second look after waiting once). */
    Optional<String> known(String frameworkId, String executorId, String containerId);

    /** The application, once known (after at most one agent call); empty when the task cannot be resolved. */
    default CompletionStage<Optional<String>> resolve(String frameworkId, String executorId, String containerId) {
        Lookup now = lookup(frameworkId, executorId, containerId);
        if (now.pending() == null) {
            return CompletableFuture.completedFuture(now.appId());
        }
        return now.pending().handle((ignored, failure) -> known(frameworkId, executorId, containerId));
    }

    /** An application id ({@code appId}, empty: not resolvable), or a stage to wait for ({@code pending}). */
    record Lookup(Optional<String> appId, CompletionStage<?> pending) {

        public static Lookup of(Optional<String> appId) {
            return new Lookup(appId, null);
        }

        public static Lookup waitFor(CompletionStage<?> pending) {
            return new Lookup(Optional.empty(), pending);
        }
    }
}
