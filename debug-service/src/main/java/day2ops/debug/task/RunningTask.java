package day2ops.debug.task;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A task found on this node.
 *
 * @param taskId the task id as requested
 * @param pid a process of the task as seen by this service, through which the local backend enters its
 *     namespaces; empty when the task's processes are not visible here
 * @param containerId the task's Mesos container id, through which the Mesos backend launches nested containers
 * @param appId the Marathon application the task belongs to, when known
 * @param user the user commands run as inside the task, when the task names one
 */
public record RunningTask(String taskId, OptionalLong pid, Optional<String> containerId, Optional<String> appId,
        Optional<String> user) {
}
