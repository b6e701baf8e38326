package day2ops.journal.testing;

import day2ops.journal.Journal;
import day2ops.journal.JournalUnavailableException;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real systemd-journald of its own, for tests: started for a private journal namespace
 * ({@code systemd-journald NAMESPACE}), configured by a temporary {@code /etc/systemd/journald@NAMESPACE.conf}:
 * volatile storage under {@code /run/log/journal/MACHINE.NAMESPACE}, rate limiting off, so nothing the host journal holds is read and nothing is written to it.
 *
 * <p>{@code sd_journal_sendv} always writes to {@code /run/systemd/journal/socket}. Entries therefore
 * come from a child JVM ({@link WriterChild}) run under {@code unshare --mount}, where that path is the
 * private journald's socket directory bind-mounted over a private tmpfs: the production send path,
 * pointed at the test journald, without touching the host's.
 *
 * <p>Only processes started here are stopped here, by their {@link Process} handle.
 */
public final class IsolatedJournald implements AutoCloseable {

    private static final List<Path> JOURNALD = List.of(
            Path.of("/lib/systemd/systemd-journald"), Path.of("/usr/lib/systemd/systemd-journald"));
    public static final List<Path> JOURNAL_REMOTE = List.of(
            Path.of("/lib/systemd/systemd-journal-remote"), Path.of("/usr/lib/systemd/systemd-journal-remote"));

    private final String namespace;
    private final Path workDir;
    private final Path config;
    private final Path socketDir;
    private final Path journalDir;
    private final Path persistentJournalDir;
    private final Process journald;
    private Process writer;
    private SocketChannel keepAlive;
    private boolean closed;
    private BufferedWriter writerInput;
    private BufferedReader writerOutput;

    private IsolatedJournald(String namespace, Path workDir, Path config, Path socketDir, Path journalDir,
            Process journald) {
        this.namespace = namespace;
        this.workDir = workDir;
        this.config = config;
        this.socketDir = socketDir;
        this.journalDir = journalDir;
        this.persistentJournalDir = Path.of("/var/log/journal").resolve(journalDir.getFileName());
        this.journald = journald;
    }

    /** Why this machine cannot run the isolated journald, or {@code null} if it can. */
    public static String unavailableReason() {
        try {
            String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: -1").split("\\s+")[1];
            if (!"0".equals(uid)) {
                return "not root (uid " + uid + "): starting systemd-journald for a private namespace and"
                        + " unshare --mount need root";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e;
        }
        if (find(JOURNALD) == null) {
            return "systemd-journald not found at " + JOURNALD + " (package systemd)";
        }
        if (find(List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"))) == null) {
            return "unshare not found (package util-linux)";
        }
        if (!Files.isDirectory(Path.of("/run/systemd")) || !Files.isDirectory(Path.of("/etc/systemd"))) {
            return "/run/systemd or /etc/systemd does not exist";
        }
        if (!Files.isRegularFile(Path.of("/etc/machine-id"))) {
            return "/etc/machine-id missing: journald cannot name its journal directory";
        }
        try {
            Journal.openNamespace(null).close();
        } catch (JournalUnavailableException e) {
            return e.getMessage();
        }
        return null;
    }

    public static Path find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    public static IsolatedJournald start() throws IOException, InterruptedException {
        String namespace = "d2o-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path workDir = Files.createTempDirectory("journald-" + namespace);
        // systemd 252 reads a namespace's settings only from /etc/systemd/journald@NAMESPACE.conf.
        Path config = Path.of("/etc/systemd/journald@" + namespace + ".conf");
        Files.writeString(config, String.join("\n",
                "# written by day2ops journal tests; removed when they finish",
                "[Journal]",
                "Storage=volatile",
                "RateLimitIntervalSec=0",
                "RateLimitBurst=0",
                "RuntimeMaxUse=2G",
                "RuntimeKeepFree=1G",
                "RuntimeMaxFileSize=128M",
                "Compress=yes",
                ""));
        String machineId = Files.readString(Path.of("/etc/machine-id")).trim();
        Path socketDir = Path.of("/run/systemd/journal." + namespace);
        Path journalDir = Path.of("/run/log/journal/" + machineId + "." + namespace);
        // setpriv execs journald with SIGTERM as its parent-death signal, so even a killed test JVM
        // does not leave it running (the spawning thread is JUnit's main thread, alive for the whole run).
        List<String> command = new ArrayList<>();
        Path setpriv = find(List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv")));
        if (setpriv != null) {
            command.addAll(List.of(setpriv.toString(), "--pdeathsig", "TERM", "--"));
        }
        command.addAll(List.of(find(JOURNALD).toString(), namespace));
        Process journald = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("journald.log").toFile())
                .start();
        IsolatedJournald started = new IsolatedJournald(namespace, workDir, config, socketDir, journalDir, journald);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(socketDir.resolve("socket"))) {
            if (!journald.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(workDir.resolve("journald.log"));
                started.close();
                throw new IOException("systemd-journald " + namespace + " did not come up: " + log);
            }
            Thread.sleep(20);
        }
        // A namespace journald exits after 30 s without stream or varlink clients (it expects socket
        // activation). Holding one stdout-stream connection keeps it up for the whole run.
        started.keepAlive = SocketChannel.open(UnixDomainSocketAddress.of(socketDir.resolve("stdout")));
        // Complete the stdout-stream protocol header (identifier, unit, priority, level prefix, forward to
        // syslog/kmsg/console): journald drops streams that stay in setup too long, and then, idle, exits.
        started.keepAlive.write(java.nio.ByteBuffer.wrap("d2o-keepalive\n\n6\n0\n0\n0\n0\n".getBytes(StandardCharsets.US_ASCII)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                System.err.println("[journald tests] cleanup after abnormal exit failed: " + e);
            }
        }));
        System.out.println("[journald tests] started systemd-journald pid " + journald.pid() + " for namespace "
                + namespace + ", files in " + journalDir);
        return started;
    }

    public String namespace() {
        return namespace;
    }

    public Path journalDir() {
        return journalDir;
    }

    public Path workDir() {
        return workDir;
    }

    // ---- writing through sd_journal_sendv in the child JVM ------------------------------------

    /** Sends one entry through the child's {@link JournalWriter}. Values are bytes; order is kept. */
    public void send(List<Map.Entry<String, byte[]>> fields) throws IOException {
        BufferedWriter in = writer();
        in.write("ENTRY\n");
        for (Map.Entry<String, byte[]> field : fields) {
            in.write("F " + field.getKey() + " " + Base64.getEncoder().encodeToString(field.getValue()) + "\n");
        }
        in.write("END\n");
    }

    /** Has the child write {@link RoundTripFixture} entries {@code from .. from+count-1} for {@code run}. */
    public void sendRoundTrip(String run, int from, int count) throws IOException {
        writer().write("ROUNDTRIP " + run + " " + from + " " + count + "\n");
    }

    /** Has the child write {@code count} entries {@code MESSAGE=<prefix> <i>} (i from 0), for bulk data. */
    public void sendBulk(String prefix, int count) throws IOException {
        writer().write("BULK " + prefix + " " + count + "\n");
    }

    /** Sends one entry of UTF-8 string fields, given as name, value, name, value… */
    public void send(String... nameValues) throws IOException {
        List<Map.Entry<String, byte[]>> fields = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(Map.entry(nameValues[i], nameValues[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        send(fields);
    }

    /** Waits until the child has handed everything sent so far to journald. */
    public void sync() throws IOException {
        BufferedWriter in = writer();
        in.write("SYNC\n");
        in.flush();
        String reply = writerOutput.readLine();
        if (!"OK".equals(reply)) {
 throw new IOException("writer child failed (" + reply + "; journald alive: " + journald.isAlive() + "); see " + workDir.resolve("writer.log")
                    + ": " + Files.readString(workDir.resolve("writer.log")));
        }
    }

    private BufferedWriter writer() throws IOException {
        if (writer == null) {
            Path hold = Files.createDirectories(workDir.resolve("socket-hold"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String script = String.join("; ",
                    "set -e",
                    "mount --bind \"$1\" \"$2\"",
                    "mount -t tmpfs -o size=1m,mode=755 tmpfs /run/systemd",
                    "mkdir /run/systemd/journal",
                    "mount --bind \"$2\" /run/systemd/journal",
                    "shift 2",
                    "exec \"$@\"");
            writer = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                    socketDir.toString(), hold.toString(),
                    java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    WriterChild.class.getName())
                    .redirectError(workDir.resolve("writer.log").toFile())
                    .start();
            writerInput = new BufferedWriter(new OutputStreamWriter(writer.getOutputStream(), StandardCharsets.US_ASCII),
                    1 << 16);
            writerOutput = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII));
        }
        return writerInput;
    }

    // ---- journalctl and journald control ------------------------------------------------------

    /** Runs {@code journalctl --namespace=NS args…}, returning stdout lines; fails on a non-zero exit. */
    public List<String> journalctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("journalctl", "--namespace=" + namespace, "--no-pager"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command + " failed: " + err);
        }
        return lines;
    }

    /** Archives the active file and starts a new one ({@code journalctl --rotate}). */
    public void rotate() throws IOException, InterruptedException {
        journalctl("--rotate");
    }

    /** Deletes archived files beyond the newest {@code files} ({@code journalctl --vacuum-files}). */
    public void vacuumFiles(int files) throws IOException, InterruptedException {
        journalctl("--vacuum-files=" + files);
    }

    public List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            try {
                writerInput.close();
            } catch (IOException alreadyGone) {
                // The child exited early; its failure was reported by the test that used it.
            }
            stop(writer, 20);
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
        journald.destroy();
        stop(journald, 15);
        Files.deleteIfExists(config);
        deleteTree(socketDir);
        deleteTree(journalDir);
        // Only there if journald ignored the volatile setting; never leave test data behind.
        deleteTree(persistentJournalDir);
        deleteTree(workDir);
        System.out.println("[journald tests] stopped systemd-journald pid " + journald.pid() + ", removed namespace "
                + namespace);
    }

    /** Waits for a process this harness started (and already asked to stop), killing it after the grace time. */
    private static void stop(Process process, int graceSeconds) {
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
