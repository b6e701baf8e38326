package day2ops.diagnostics.testing;

import day2ops.common.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The packaged diagnostics service ({@code target/quarkus-app/quarkus-run.jar}) as a separate JVM: one node of a
 * multi-node test, bound to its own loopback address (all of 127/8 is loopback on Linux) so that nodes are told
 * apart by IP as in a real cluster. For {@code *IT} tests, which failsafe runs after packaging.
 *
 * <p>Each node gets the test public key, a private temporary directory (bundle dir, an absent units directory, an
 * absent checks config, an absent system bus — override with {@code properties}) and its log under
 * {@code target/node-processes/}. It runs in the production profile; {@code properties} become {@code -D} options.
 * Where {@code setpriv} exists the JVM gets {@code SIGKILL} when the test JVM dies, so no node outlives a test run.
 */
public final class NodeProcess implements AutoCloseable {

    /** Started here: the parent-death signal is tied to the thread that forks, so that thread must live on. */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "node-process-spawner");
        t.setDaemon(true);
        return t;
    });
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path LOGS = Path.of("target/node-processes");

    private final String ip;
    private final int port;
    private final Path dir;
    private final Path log;
    private final Process process;

    private NodeProcess(String ip, int port, Path dir, Path log, Process process) {
        this.ip = ip;
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a node on {@code ip:port} ({@code port} 0: a free one) and waits until {@code /q/health/ready} answers
     * 200. Fails with the log's tail if the process exits or is not ready within {@code readyTimeout}.
     */
    public static NodeProcess start(String ip, int port, Map<String, String> properties, Duration readyTimeout)
            throws IOException, InterruptedException {
        NodeProcess node = launch(ip, port, properties);
        try {
            node.awaitReady(readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Starts a node without waiting for it; {@link #awaitReady} then waits (start several, then wait for all). */
    public static NodeProcess launch(String ip, int port, Map<String, String> properties) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " does not exist: NodeProcess runs the packaged "
                    + "application, so use it from *IT tests (after the package phase)");
        }
        int chosen = port == 0 ? freePort(ip) : port;
        Path dir = Files.createTempDirectory("day2ops-node-" + ip + "-");
        Path key = dir.resolve("public.pem");
        try (InputStream in = NodeProcess.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            Files.copy(in, key);
        }
        Map<String, String> effective = new LinkedHashMap<>();
        effective.put("quarkus.http.host", ip);
        effective.put("quarkus.http.port", Integer.toString(chosen));
        effective.put("mp.jwt.verify.publickey.location", key.toString());
        effective.put("diagnostics.bundle-dir", dir.resolve("bundles").toString());
        effective.put("diagnostics.node.ip", ip);
        effective.put("diagnostics.health.units-dir", dir.resolve("no-units-dir").toString());
        effective.put("diagnostics.checks.config-file", dir.resolve("no-checks.json").toString());
        effective.put("diagnostics.systemd.bus-address", "unix:path=" + dir.resolve("no-system-bus"));
        effective.putAll(properties);

        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        effective.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));

        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(ip + "_" + chosen + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(dir.toFile());
        Process process;
        try {
            process = SPAWNER.submit(builder::start).get();
        } catch (ExecutionException e) {
            throw new IOException("cannot start the node on " + ip + ":" + chosen + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the node on " + ip, e);
        }
        return new NodeProcess(ip, chosen, dir, log, process);
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://" + ip + ":" + port + "/q/health/ready");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the node on " + ip + ":" + port + " exited with " + process.exitValue() + "; "
                        + logTail());
            }
            if (answers200(ready)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the node on " + ip + ":" + port + " was not ready within " + timeout + "; " + logTail());
            }
            Thread.sleep(200);
        }
    }

    private static boolean answers200(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A port free on {@code ip} right now (the kernel's choice). */
    public static int freePort(String ip) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
            return socket.getLocalPort();
        }
    }

    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://ip:port}. */
    public URI uri() {
        return URI.create("http://" + ip + ":" + port);
    }

    /** The node's private directory (its bundle dir is {@code bundles/} below it). */
    public Path dir() {
        return dir;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL to the node's JVM (by its PID, as a crashed or fenced node), then waits until it is gone. */
    public void kill() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        process.waitFor();
    }

    /** The last lines of the node's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "log " + log.toAbsolutePath() + " ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "log " + log.toAbsolutePath() + " unreadable: " + e.getMessage();
        }
    }

    /** Kills the node if it still runs and deletes its private directory; the log stays under target/. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
