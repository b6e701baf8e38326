package day2ops.debug.task;

import day2ops.common.auth.Permissions;
import day2ops.common.mesos.AgentState;
import day2ops.common.mesos.MesosAgentClient;
import day2ops.debug.config.DebugConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Finds a task on this node: first in the configured task table (a process id, or a cgroup whose
 * lowest-numbered member is taken, and/or a Mesos container id), else — when {@code debug.mesos.agent-url}
 * is set — in the Mesos agent's {@code /state}: the executor running the task names its container, whose
 * processes are members of the cgroup {@code /mesos/<container-id>}. A Marathon task id
 * ({@code team_app.<uuid>}) gives the application id ({@code /team/app}; Marathon ids have no {@code _}).
 */
@ApplicationScoped
public class TaskLocator {

    private static final Logger LOG = Logger.getLogger(TaskLocator.class);

    private final DebugConfig config;
    private final Optional<MesosAgentClient> agent;

    public TaskLocator(DebugConfig config) {
        this.config = config;
        this.agent = config.mesos().agentUrl().map(url -> new MesosAgentClient(url, config.mesos().timeout(), Optional.empty()));
    }

    /** The running task, or empty when this node does not know it or its process is gone. */
    public Optional<RunningTask> locate(String taskId) {
        DebugConfig.TaskMapping mapping = config.tasks().get(taskId);
        if (mapping == null) {
            return agent.flatMap(client -> fromAgentState(client, taskId));
        }
        OptionalLong pid;
        if (mapping.pid().isPresent()) {
            long configured = mapping.pid().get();
            pid = Files.isDirectory(config.procfs().resolve(Long.toString(configured)))
                    ? OptionalLong.of(configured) : OptionalLong.empty();
        } else if (mapping.cgroup().isPresent()) {
            pid = lowestMemberOf(config.procfs(), mapping.cgroup().get());
        } else {
            pid = OptionalLong.empty();
        }
        if (pid.isEmpty() && mapping.containerId().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunningTask(taskId, pid, mapping.containerId(), mapping.appId(), mapping.user()));
    }

    private Optional<RunningTask> fromAgentState(MesosAgentClient client, String taskId) {
        AgentState state;
        try {
            state = client.state();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Mesos agent's state: " + e.getMessage(), e);
        }
        for (AgentState.Framework framework : nullSafe(state.frameworks())) {
            for (AgentState.Executor executor : nullSafe(framework.executors())) {
                for (AgentState.Task task : nullSafe(executor.tasks())) {
                    if (taskId.equals(task.id()) && executor.container() != null) {
                        OptionalLong pid = lowestMemberOf(config.procfs(), "/mesos/" + executor.container());
                        LOG.debugf("task %s: container %s, pid %s", taskId, executor.container(), pid);
                        return Optional.of(new RunningTask(taskId, pid, Optional.of(executor.container()),
                                "marathon".equals(framework.name()) ? marathonAppId(taskId) : Optional.empty(),
                                Optional.empty()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code team_app.6e3c…} → {@code /team/app}; empty when the id is not Marathon-shaped. */
    static Optional<String> marathonAppId(String taskId) {
        int dot = taskId.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Permissions.normalizeAppId("/" + taskId.substring(0, dot).replace('_', '/')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The lowest pid under {@code procfs} whose {@code cgroup} file lists {@code cgroup} (v1 or v2 lines). */
    static OptionalLong lowestMemberOf(Path procfs, String cgroup) {
        try (Stream<Path> entries = Files.list(procfs)) {
            return entries
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .sorted()
                    .filter(pid -> isMember(procfs.resolve(Long.toString(pid)).resolve("cgroup"), cgroup))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + procfs, e);
        }
    }

    private static boolean isMember(Path cgroupFile, String cgroup) {
        try {
            return isMember(Files.readString(cgroupFile), cgroup);
        } catch (NoSuchFileException e) {
            return false; // the process exited while we looked
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a {@code /proc/<pid>/cgroup} text puts the process in {@code cgroup} or below it. */
    static boolean isMember(String cgroupFileContent, String cgroup) {
        String wanted = cgroup.endsWith("/") ? cgroup.substring(0, cgroup.length() - 1) : cgroup;
        for (String line : cgroupFileContent.split("\n")) {
            int path = line.indexOf(':', line.indexOf(':') + 1);
            if (path < 0) {
                continue;
            }
            String member = line.substring(path + 1);
            if (member.equals(wanted) || member.startsWith(wanted + "/")) {
                return true;
            }
        }
        return false;
    }
}
