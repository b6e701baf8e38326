package day2ops.logs.testing;

import day2ops.journal.testing.IsolatedJournald;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real systemd-journal-gatewayd serving the isolated journald's directory ({@code -D}), listening
 * on a loopback port handed to it by {@code systemd-socket-activate} (gatewayd itself would bind
 * every interface on 19531). Stopped by its {@link Process} handle.
 */
public final class Gatewayd implements AutoCloseable {

    private static final List<Path> BINARY = List.of(Path.of("/lib/systemd/systemd-journal-gatewayd"),
            Path.of("/usr/lib/systemd/systemd-journal-gatewayd"));

    private final Process process;
    private final int port;

    private Gatewayd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why gatewayd cannot run here, or {@code null}. */
    public static String unavailableReason() {
        if (IsolatedJournald.find(BINARY) == null) {
            return "systemd-journal-gatewayd not installed (package systemd-journal-remote)";
        }
        if (IsolatedJournald.find(List.of(Path.of("/usr/bin/systemd-socket-activate"), Path.of("/bin/systemd-socket-activate"))) == null) {
            return "systemd-socket-activate not installed (package systemd)";
        }
        return null;
    }

    public static Gatewayd start(Path directory, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder("systemd-socket-activate", "-l", "127.0.0.1:" + port,
                IsolatedJournald.find(BINARY).toString(), "--directory=" + directory)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("gatewayd did not come up: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }
        return new Gatewayd(process, port);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
