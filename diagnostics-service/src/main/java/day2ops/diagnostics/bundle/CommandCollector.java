package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command's stdout and stderr together, through redaction. It runs in a session of its own ({@code setsid}),
 * so on timeout — and after it ends — its whole process group is killed, as checks are. A non-zero exit code
 * is noted at the end of the entry; not being able to run it, or a timeout, is a failure.
 */
final class CommandCollector implements Collector {

    private final List<String> args;
    private final boolean optional;
    private final Duration timeout;
    private final Redactor redactor;

    CommandCollector(List<String> args, boolean optional, Duration timeout, Redactor redactor) {
        this.args = List.copyOf(args);
        this.optional = optional;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /** {@code args joined by _}{@code .output}, as dcos-diagnostics names command entries. */
    static String entryName(List<String> args) {
        return "commands/" + String.join("_", args).replace('/', '_') + ".output";
    }

    @Override
    public String entryName() {
        return entryName(args);
    }

    @Override
    public String description() {
        return "command " + String.join(" ", args);
    }

    @Override
    public boolean optional() {
        return optional;
    }

    @Override
    public void collect(OutputStream out) throws Exception {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add("setsid");
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + args + ": " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            killProcessGroup(process.pid());
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        Redactor.Text text = redactor.text(out);
        try (InputStream output = process.getInputStream()) {
            text.copy(output);
            process.waitFor();
        } finally {
            watchdog.cancel(false);
            // Whatever the command left running in its session goes with it (and cannot hold the pipe open).
            killProcessGroup(process.pid());
            process.destroyForcibly();
        }
        if (timedOut.get()) {
            throw new IOException("command " + args + " timed out after " + timeout.toSeconds() + "s; its process group was killed");
        }
        int code = process.exitValue();
        if (code == 126 || code == 127) {
            throw new IOException("command " + args + " cannot be run (exit code " + code + ")");
        }
        if (code != 0) {
            text.line("(exit code " + code + ")");
        }
    }

    private static void killProcessGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pgid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
