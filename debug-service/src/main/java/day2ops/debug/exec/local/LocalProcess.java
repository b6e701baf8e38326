package day2ops.debug.exec.local;

import day2ops.debug.exec.ExecProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command started by {@link LocalNamespaceBackend}: a child process of this service. */
final class LocalProcess implements ExecProcess {

    private static final long PTY_WAIT_MILLIS = 10_000;

    private final Process process;
    private final boolean tty;
    private final Path procfs;
    private final CompletableFuture<Integer> exitCode;
    private Path ptySlave;

    LocalProcess(Process process, boolean tty, Path procfs) {
        this.process = process;
        this.tty = tty;
        this.procfs = procfs;
        this.exitCode = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public Optional<InputStream> stderr() {
        return tty ? Optional.empty() : Optional.of(process.getErrorStream());
    }

    @Override
    public void resize(int columns, int rows) throws IOException {
        if (!tty || !process.isAlive()) {
            return;
        }
        Path slave = ptySlave();
        Process stty = new ProcessBuilder("stty", "-F", slave.toString(),
                "rows", Integer.toString(rows), "cols", Integer.toString(columns))
                .redirectErrorStream(true).start();
        try {
            if (!stty.waitFor(5, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                throw new IOException("stty on " + slave + " did not finish");
            }
            if (stty.exitValue() != 0 && process.isAlive()) {
                throw new IOException("stty on " + slave + " failed: "
                        + new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resizing");
        }
    }

    /**
     * The pseudo-terminal's slave device: standard input of script's child. Right after start that
     * process may not exist yet, so a resize that arrives first waits for it.
     */
    private Path ptySlave() throws IOException {
        if (ptySlave != null) {
            return ptySlave;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PTY_WAIT_MILLIS);
        while (process.isAlive()) {
            List<ProcessHandle> descendants = process.descendants().toList();
            for (ProcessHandle child : descendants) {
                try {
                    Path stdin = Files.readSymbolicLink(procfs.resolve(child.pid() + "/fd/0"));
                    if (stdin.startsWith("/dev/pts/")) {
                        ptySlave = stdin;
                        return stdin;
                    }
                } catch (IOException e) {
                    // the child is still being set up, or has just exec'd; look again
                }
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the terminal");
            }
        }
        throw new IOException("the command's terminal could not be found (pid " + process.pid() + ")");
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    @Override
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
