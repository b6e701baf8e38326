package day2ops.diagnostics.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real systemd booted as PID 1 of private namespaces, for tests (scripts and units in
 * {@code src/test/resources/systemd-sandbox/}). It runs in its own PID, mount, UTS, IPC and cgroup
 * namespaces with private tmpfs mounts over {@code /tmp}, {@code /run}, {@code /var}, {@code /dev} and
 * {@code /etc/systemd/system}, and read-only {@code /sys} and {@code /proc/sys}; its units are only the
 * test's, and tmpfiles and udev are masked. Before booting, a probe run of the same setup writes a
 * marker into its private {@code /tmp} and the harness refuses to boot if the marker shows up in the
 * host's {@code /tmp}.
 *
 * <p>The namespace runs its own system bus (dbus-daemon), which PID 1 joins as {@code org.freedesktop.systemd1}.
 * The service under test reaches that bus from the host through a socket in the test's own directory,
 * bind-mounted into the namespace and proxied to {@code /run/dbus/system_bus_socket} from inside it, and
 * reads the namespace's journal through {@code /proc/PID/root/run/log/journal}.
 *
 * <p>Only processes started here are stopped here: the namespace's PID 1 (which takes every process in
 * the namespace with it) and the {@code unshare} that started it.
 */
public final class BootedSystemd implements AutoCloseable {

    private static final Path SYSTEMD = Path.of("/lib/systemd/systemd");
    private static final Path JOURNALD = Path.of("/lib/systemd/systemd-journald");

    private final String name;
    private final Path workDir;
    private final Process enter;
    private final long pid;
    private final Path cgroup;
    private boolean closed;

    private BootedSystemd(String name, Path workDir, Process enter, long pid, Path cgroup) {
        this.name = name;
        this.workDir = workDir;
        this.enter = enter;
        this.pid = pid;
        this.cgroup = cgroup;
    }

    /** Why this machine cannot boot the test systemd, or {@code null} if it can. */
    public static String unavailableReason() {
        try {
            String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: -1").split("\\s+")[1];
            if (!"0".equals(uid)) {
                return "not root (uid " + uid + "): private mount, PID and cgroup namespaces need root";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e;
        }
        for (Path needed : List.of(SYSTEMD, JOURNALD, Path.of("/usr/bin/unshare"), Path.of("/usr/bin/nsenter"),
                Path.of("/usr/bin/systemctl"))) {
            if (!Files.isExecutable(needed)) {
                return needed + " is missing (packages systemd, util-linux)";
            }
        }
        if (!Files.isRegularFile(Path.of("/etc/machine-id"))) {
            return "/etc/machine-id is missing: systemd and journald need it";
        }
        Path cgroupRoot = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(cgroupRoot.resolve("systemd")) && !Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
            return "neither a cgroup v1 name=systemd hierarchy (/sys/fs/cgroup/systemd) nor cgroup v2 at /sys/fs/cgroup";
        }
        return null;
    }

    /** Boots systemd with the test units and waits until its start-up jobs are done. */
    public static BootedSystemd boot() throws IOException, InterruptedException {
        Path sandbox = resource("systemd-sandbox");
        String name = "day2ops-diag-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path workDir = Files.createTempDirectory(name);
        Path console = Files.createFile(workDir.resolve("console.log"));
        Path bridge = Files.createDirectory(workDir.resolve("bridge"));
        probeIsolation(sandbox, workDir, console, bridge);

        Path cgroup = cgroupOf(name);
        CompletableFuture<Process> started = new CompletableFuture<>();
        // The process is started from a thread that lives exactly as long as it does, so setpriv's
        // parent-death signal fires only when the test JVM dies — then unshare dies and --kill-child
        // takes systemd (and the whole namespace) with it.
        Thread keeper = new Thread(() -> {
            try {
                Process process = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "--",
                        "sh", sandbox.resolve("enter.sh").toString(), name, sandbox.resolve("units").toString(),
                        console.toString(), bridge.toString(), "boot")
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("enter.log").toFile())
                        .start();
                started.complete(process);
                process.waitFor();
            } catch (IOException e) {
                started.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "booted-systemd-" + name);
        keeper.setDaemon(true);
        keeper.start();
        Process enter;
        try {
            enter = started.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot start " + sandbox.resolve("enter.sh") + ": " + e, e);
        }
        long systemdPid = waitForChild(enter, workDir);
        BootedSystemd booted = new BootedSystemd(name, workDir, enter, systemdPid, cgroup);
        Runtime.getRuntime().addShutdownHook(new Thread(booted::closeQuietly));
        booted.awaitStartupFinished();
        System.out.println("[diagnostics tests] booted systemd as PID 1 of private namespaces: host pid " + systemdPid
                + ", bus " + booted.busAddress());
        return booted;
    }

    /** The same namespace set-up, ending with a marker in the private /tmp that must not reach the host's. */
    private static void probeIsolation(Path sandbox, Path workDir, Path console, Path bridge)
            throws IOException, InterruptedException {
        String marker = "day2ops-isolation-probe-" + UUID.randomUUID();
        String name = "day2ops-diag-probe-" + UUID.randomUUID().toString().substring(0, 8);
        Process probe = new ProcessBuilder("sh", sandbox.resolve("enter.sh").toString(), name,
                sandbox.resolve("units").toString(), console.toString(), bridge.toString(), "probe", marker)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("probe.log").toFile())
                .start();
        boolean done = probe.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        removeCgroup(cgroupOf(name));
        Path leaked = Path.of("/tmp", marker);
        if (Files.exists(leaked)) {
            Files.delete(leaked);
            throw new IllegalStateException("namespace isolation probe failed: its private /tmp is the host's /tmp;"
                    + " refusing to boot systemd");
        }
        if (!done || probe.exitValue() != 0) {
            throw new IOException("namespace isolation probe failed (exit " + (done ? probe.exitValue() : "timeout") + "): "
                    + Files.readString(workDir.resolve("probe.log")));
        }
    }

    private static Path cgroupOf(String name) {
        Path root = Path.of("/sys/fs/cgroup");
        return Files.exists(root.resolve("cgroup.controllers")) ? root.resolve(name) : root.resolve("systemd").resolve(name);
    }

    private static long waitForChild(Process enter, Path workDir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            // enter.sh execs unshare, whose only child is the namespace's PID 1.
            List<Long> children = enter.children().map(ProcessHandle::pid).toList();
            if (!children.isEmpty()) {
                long candidate = children.get(0);
                String comm = readQuietly(Path.of("/proc", Long.toString(candidate), "comm"));
                if ("systemd".equals(comm)) {
                    return candidate;
                }
            }
            if (!enter.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        enter.destroyForcibly();
        throw new IOException("systemd did not start: " + Files.readString(workDir.resolve("enter.log"))
                + Files.readString(workDir.resolve("console.log")));
    }

    private void awaitStartupFinished() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String state = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(bridgeSocket())) {
                state = systemctl("is-system-running").trim();
                // "degraded": start-up is over and some unit failed — the failed test unit does that.
                if (state.equals("running") || state.equals("degraded")) {
                    String flapping = systemctl("show", "-p", "SubState", "--value", "d2o-flapping.service").trim();
                    if (flapping.equals("auto-restart")) {
                        return;
                    }
                }
            }
            if (!enter.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        String console = Files.readString(workDir.resolve("console.log"));
        close();
        throw new IOException("systemd did not finish start-up (state '" + state + "'): " + console);
    }

    /** {@code systemctl ARGS} run inside the namespace (its mount namespace, so it finds the private socket). */
    public String systemctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-p", "systemctl", "--no-pager"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return out;
    }

    /** The namespace's PID 1, as the host sees it. */
    public long pid() {
        return pid;
    }

    /**
     * A socket in the test's directory that forwards to the namespace's system bus (d2o-bus-bridge.socket +
     * systemd-socket-proxyd): D-Bus servers resolve their peer's PID, which a client outside the PID
     * namespace does not have (sd-bus drops such peers), so the proxy connects from inside.
     */
    private Path bridgeSocket() {
        return workDir.resolve("bridge").resolve("bus");
    }

    /** D-Bus address of this namespace's system bus, reachable from the host. */
    public String busAddress() {
        return "unix:path=" + bridgeSocket();
    }

    /** Where this systemd's journald keeps its (volatile) journal, reachable from the host. */
    public Path journalDirectory() {
        return Path.of("/proc", Long.toString(pid), "root", "run", "log", "journal");
    }

    public Path workDir() {
        return workDir;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("[diagnostics tests] stopping the test systemd failed: " + e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // SIGKILL to a PID namespace's init ends every process in it; unshare then exits.
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!enter.waitFor(20, TimeUnit.SECONDS)) {
                enter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            enter.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeCgroup(cgroup);
        deleteTree(workDir);
        System.out.println("[diagnostics tests] stopped the test systemd (host pid " + pid + "), removed " + name);
    }

    /** Removes a cgroup tree once its processes are gone (children first; a populated one is retried). */
    private static void removeCgroup(Path cgroup) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(cgroup)) {
            try (Stream<Path> dirs = Files.walk(cgroup)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException busy) {
                if (System.nanoTime() > deadline) {
                    System.err.println("[diagnostics tests] cannot remove cgroup " + cgroup + ": " + busy);
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(BootedSystemd.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("test resource " + name + " not found on the class path"));
        }
    }
}
