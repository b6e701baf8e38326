package day2ops.debug.exec.local;

import day2ops.debug.config.DebugConfig;
import day2ops.debug.exec.ExecBackend;
import day2ops.debug.exec.ExecProcess;
import day2ops.debug.exec.ExecRequest;
import day2ops.debug.task.RunningTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs commands inside a task by entering its process's namespaces with util-linux, so this service
 * needs no native binding of its own:
 *
 * <ul>
 *   <li>{@code env -i PATH=… HOME=… [TERM=… USER=…]} gives the command a clean environment;
 *   <li>{@code nsenter --target <pid> --mount --uts --ipc --net --pid --cgroup [--user]} enters the
 *       task's namespaces (only those that differ from ours; {@code --setuid/--setgid} switch to the
 *       task's user). nsenter forks into the pid namespace and passes the exit status on, re-raising a
 *       fatal signal, so Java sees {@code 128+n};
 *   <li>with a TTY the namespaces are entered in two steps, so that the command becomes the session
 *       leader of a fresh pseudo-terminal <em>inside</em> the task's pid namespace (an interactive shell
 *       whose terminal belongs to a session outside its pid namespace cannot manage job control and
 *       exits with status 2): first {@code nsenter} all namespaces but mount, running the host's
 *       {@code script -q -e -c … /dev/null} there (a new session on a new pty; status {@code 128+n} on
 *       signal n); script's shell then {@code exec}s {@code env -i … nsenter --mount … command}. The
 *       window size is set from outside with {@code stty -F <pty slave> rows R cols C}: TIOCSWINSZ on the
 *       slave delivers SIGWINCH to the terminal's foreground process group.
 * </ul>
 */
@ApplicationScoped
@Typed(LocalNamespaceBackend.class)
public class LocalNamespaceBackend implements ExecBackend {

    /** Namespaces entered, in nsenter's option names; user is added when the task has its own. */
    private static final List<String> NAMESPACES = List.of("mnt", "uts", "ipc", "net", "pid", "cgroup");

    private final DebugConfig config;

    public LocalNamespaceBackend(DebugConfig config) {
        this.config = config;
    }

    @Override
    public ExecProcess start(RunningTask task, ExecRequest request) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(task, request));
        builder.environment().clear();
        builder.environment().put("PATH", config.exec().path());
        if (request.tty()) {
            // script runs its command with $SHELL -c; that command's environment is made by env -i.
            builder.environment().put("SHELL", "/bin/sh");
            builder.redirectErrorStream(true);
        }
        return new LocalProcess(builder.start(), request.tty(), config.procfs());
    }

    /** The argv this service starts: {@code env -i … nsenter … -- command…}, or the two-step form with a TTY. */
    List<String> commandLine(RunningTask task, ExecRequest request) throws IOException {
        long pid = task.pid().orElseThrow(() -> new IOException("task " + task.taskId() + " has no process on this node"));
        Path process = config.procfs().resolve(Long.toString(pid));
        Optional<PasswdEntry> user = user(task, process);
        List<String> namespaces = new ArrayList<>();
        for (String namespace : NAMESPACES) {
            if (differs(process, namespace)) {
                namespaces.add(namespace);
            }
        }
        if (differs(process, "user")) {
            namespaces.add("user");
        }
        if (!request.tty()) {
            List<String> argv = environment(user, request);
            argv.addAll(nsenter(pid, namespaces, user));
            argv.addAll(request.command());
            return argv;
        }
        List<String> inner = new ArrayList<>();
        inner.add("exec");
        inner.addAll(environment(user, request));
        inner.addAll(nsenter(pid, namespaces.contains("mnt") ? List.of("mnt") : List.of(), user));
        inner.addAll(request.command());
        List<String> outer = new ArrayList<>(nsenter(pid,
                namespaces.stream().filter(namespace -> !namespace.equals("mnt")).toList(), Optional.empty()));
        outer.addAll(List.of("script", "--quiet", "--return", "--command", ShellQuoting.join(inner), "/dev/null"));
        return outer;
    }

    private Optional<PasswdEntry> user(RunningTask task, Path process) throws IOException {
        if (task.user().isEmpty()) {
            return Optional.empty();
        }
        String passwd;
        try {
            passwd = Files.readString(process.resolve("root/etc/passwd"));
        } catch (NoSuchFileException e) {
            throw new IOException("task " + task.taskId() + " has no /etc/passwd to look up user '" + task.user().get() + "'");
        }
        return Optional.of(PasswdEntry.find(passwd, task.user().get()).orElseThrow(() -> new IOException(
                "user '" + task.user().get() + "' does not exist in task " + task.taskId())));
    }

    private List<String> environment(Optional<PasswdEntry> user, ExecRequest request) {
        List<String> argv = new ArrayList<>(List.of("env", "-i", "PATH=" + config.exec().path(),
                "HOME=" + user.map(PasswdEntry::home).orElse("/root")));
        if (request.tty()) {
            argv.add("TERM=" + request.term());
        }
        user.ifPresent(entry -> {
            argv.add("USER=" + entry.name());
            argv.add("LOGNAME=" + entry.name());
        });
        return argv;
    }

    private static List<String> nsenter(long pid, List<String> namespaces, Optional<PasswdEntry> user) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(pid)));
        for (String namespace : namespaces) {
            argv.add(namespace.equals("mnt") ? "--mount" : "--" + namespace);
        }
        user.ifPresent(entry -> argv.addAll(List.of(
                "--setuid", Long.toString(entry.uid()), "--setgid", Long.toString(entry.gid()))));
        argv.add("--");
        return argv;
    }

    /** Whether the task's namespace of that kind is not ours (entering our own user namespace fails). */
    private boolean differs(Path process, String namespace) throws IOException {
        Path theirs = process.resolve("ns").resolve(namespace);
        if (!Files.exists(theirs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false; // kernel without that namespace kind
        }
        Path ours = config.procfs().resolve("self/ns").resolve(namespace);
        return !Files.readSymbolicLink(theirs).equals(Files.readSymbolicLink(ours));
    }
}
