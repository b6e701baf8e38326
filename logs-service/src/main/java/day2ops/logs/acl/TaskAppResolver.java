package day2ops.logs.acl;

import java.util.Optional;

/** Which Marathon application a task (as journald names it: framework, executor, container) belongs to. */
public interface TaskAppResolver {

    /** The application id (e.g. {@code /team/web}), or empty when the task cannot be resolved. */
    Optional<String> appId(String frameworkId, String executorId, String containerId);
}
