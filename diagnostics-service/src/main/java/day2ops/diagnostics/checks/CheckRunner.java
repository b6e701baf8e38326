package day2ops.diagnostics.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs checks as dcos-check-runner does: the exit code is the status (0 OK, 1 warning, 2 failure, 3
 * unknown; anything else is 3), stdout and stderr together are the output. Each check starts in a new
 * session ({@code setsid}), so its process group is exactly the check and whatever it spawned; on timeout
 * — and after the check's main process ends — that whole group is killed, so no child outlives its check.
 */
public final class CheckRunner {

    public static final int OK = 0;
    public static final int UNKNOWN = 3;

    /** Output beyond this is cut (with a note): a runaway check must not fill the heap. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final ExecutorService pool;

    public CheckRunner(ExecutorService pool) {
        this.pool = pool;
    }

    /** Runs {@code checks} in parallel; results in the order given, status = the worst. */
    public ChecksReport runAll(List<CheckDefinition> checks, Map<String, String> env) {
        List<Future<CheckResult>> running = new ArrayList<>(checks.size());
        for (CheckDefinition check : checks) {
            running.add(pool.submit(() -> run(check, env)));
        }
        Map<String, CheckResult> results = new LinkedHashMap<>();
        int status = OK;
        for (int i = 0; i < checks.size(); i++) {
            CheckResult result;
            try {
                result = running.get(i).get();
            } catch (ExecutionException e) {
                result = new CheckResult("check could not be run: " + e.getCause(), UNKNOWN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while running checks", e);
            }
            results.put(checks.get(i).name(), result);
            status = Math.max(status, result.status());
        }
        return new ChecksReport(status, results);
    }

    /** Runs one check to completion or its timeout. */
    public static CheckResult run(CheckDefinition check, Map<String, String> env) throws InterruptedException {
        List<String> command = new ArrayList<>(check.cmd().size() + 1);
        command.add("setsid");
        command.addAll(check.cmd());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CheckResult("cannot run " + check.cmd() + ": " + e.getMessage(), UNKNOWN);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // Checks get no stdin; a process that already exited has closed it.
        }
        OutputCollector output = new OutputCollector(process.getInputStream());
        output.start();
        boolean finished = process.waitFor(check.timeout().toNanos(), TimeUnit.NANOSECONDS);
        // setsid made the check's pid its process group id: kill the group either way, so nothing the check
        // started keeps running (or keeps the output pipe open).
        killProcessGroup(process.pid());
        if (!finished) {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        output.join(TimeUnit.SECONDS.toMillis(5));
        String text = output.text();
        if (!finished) {
            return new CheckResult(appendLine(text, "check timed out after " + GoDuration.format(check.timeout())
                    + "; its process group was killed"), UNKNOWN);
        }
        int code = process.exitValue();
        if (code < 0 || code > UNKNOWN) {
            // Includes setsid's own 126/127 when the command cannot be executed or is not found.
            return new CheckResult(appendLine(text, "exit code " + code + " is not a check status (0-3)"), UNKNOWN);
        }
        return new CheckResult(text, code);
    }

    private static void killProcessGroup(long pgid) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1): fall back to the descendants Java can see.
            ProcessHandle.of(pgid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    private static String appendLine(String text, String line) {
        return text.isEmpty() || text.endsWith("\n") ? text + line : text + "\n" + line;
    }

    /** Drains the output pipe, keeping the first {@link #MAX_OUTPUT_BYTES}. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        OutputCollector(InputStream in) {
            super("check-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = MAX_OUTPUT_BYTES - kept.size();
                        kept.write(buffer, 0, Math.min(room, n));
                        truncated |= n > room;
                    }
                }
            } catch (IOException closed) {
                // The pipe closed under us (process killed): keep what was read.
            }
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return truncated ? appendLine(text, "(output truncated at " + MAX_OUTPUT_BYTES + " bytes)") : text;
        }
    }
}
