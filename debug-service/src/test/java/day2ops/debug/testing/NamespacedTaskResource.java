package day2ops.debug.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real "task" for exec tests: a process in new pid, mount, uts and net namespaces
 * ({@code unshare --pid --fork --mount-proc --uts --net}, as root) with its own hostname and a marker
 * file on a tmpfs that exists only in its mount namespace; PID 1 of its pid namespace is {@code sleep}.
 *
 * <p>The service under test learns the task as {@code debug.tasks.ns-task} (application {@code /team/app})
 * and {@code debug.tasks.ns-task-nobody} (same process, user {@code nobody}); tests find the hostname
 * and marker under {@code day2ops.test.task.*}. {@link #stop} kills unshare and, through
 * {@code --kill-child}, the namespace's PID 1 (and with it every process of the namespace). Should the
 * JVM die without stopping it, the task ends by itself when its {@code sleep 900} does. (No
 * {@code --pdeathsig}: it fires when the starting <em>thread</em> ends, which here is at once.)
 */
public class NamespacedTaskResource implements QuarkusTestResourceLifecycleManager {

    public static final String TASK = "ns-task";
    public static final String TASK_AS_NOBODY = "ns-task-nobody";
    public static final String APP = "/team/app";

    private Process unshare;
    private Path mountPoint;

    @Override
    public Map<String, String> start() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hostname = "d2o-task-" + suffix;
        String marker = "marker-" + suffix;
        try {
            mountPoint = Files.createTempDirectory("day2ops-task-");
            unshare = new ProcessBuilder("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--uts", "--net",
                    "sh", "-c", "hostname \"$1\" && mount -t tmpfs day2ops-task \"$2\" && echo \"$3\" > \"$2/marker\" && exec sleep 900",
                    "task", hostname, mountPoint.toString(), marker)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            long init = awaitInit(mountPoint);
            return Map.of(
                    "debug.tasks." + TASK + ".pid", Long.toString(init),
                    "debug.tasks." + TASK + ".app-id", APP,
                    "debug.tasks." + TASK_AS_NOBODY + ".pid", Long.toString(init),
                    "debug.tasks." + TASK_AS_NOBODY + ".app-id", APP,
                    "debug.tasks." + TASK_AS_NOBODY + ".user", "nobody",
                    "day2ops.test.task.hostname", hostname,
                    "day2ops.test.task.marker-file", mountPoint.resolve("marker").toString(),
                    "day2ops.test.task.marker", marker);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start the namespaced test task (needs root and util-linux)", e);
        }
    }

    /** The host pid of the namespace's PID 1, once it is {@code sleep} with the marker in place. */
    private long awaitInit(Path mountPoint) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!unshare.isAlive()) {
                throw new IOException("unshare exited with " + unshare.exitValue());
            }
            Optional<ProcessHandle> init = unshare.children().findFirst();
            if (init.isPresent()) {
                Path proc = Path.of("/proc", Long.toString(init.get().pid()));
                try {
                    boolean ready = Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).strip().equals("sleep")
                            && Files.exists(proc.resolve("root").resolve(mountPoint.toString().substring(1)).resolve("marker"));
                    if (ready) {
                        return init.get().pid();
                    }
                } catch (IOException e) {
                    // still starting
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("the namespaced task did not become ready in 30 s");
    }

    @Override
    public void stop() {
        if (unshare != null) {
            unshare.descendants().forEach(ProcessHandle::destroyForcibly);
            unshare.destroyForcibly();
            try {
                unshare.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mountPoint != null) {
            try {
                Files.deleteIfExists(mountPoint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
