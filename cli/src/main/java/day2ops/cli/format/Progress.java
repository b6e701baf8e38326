package day2ops.cli.format;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Shows progress on stderr: on a terminal one line redrawn in place ({@code \r}); otherwise (a file, a pipe,
 * CI logs) a plain line only when the shown text changes, so logs stay short.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final int columns;
    private String last = "";

    public Progress(PrintStream out, boolean terminal, int columns) {
        this.out = out;
        this.terminal = terminal;
        this.columns = columns;
    }

    /** Progress on {@code System.err}, as a bar when stderr is a terminal. */
    public static Progress onStderr() {
        return new Progress(System.err, stderrIsTerminal(), terminalColumns());
    }

    public boolean terminal() {
        return terminal;
    }

    /** Shows {@code done} of {@code total} (total ≤ 0: unknown); {@code status} is appended in plain mode. */
    public void update(String label, long done, long total, LongFunction<String> amount, String status) {
        if (terminal) {
            String line = ProgressBar.line(label, done, total, amount, columns);
            if (!line.equals(last)) {
                int erase = Math.max(0, last.length() - line.length());
                out.print("\r" + line + " ".repeat(erase));
                out.flush();
                last = line;
            }
        } else {
            String line = label + (status.isEmpty() ? "" : " " + status) + ": " + amount.apply(done)
                    + (total > 0 ? " of " + amount.apply(total) : "");
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
        }
    }

    /** Ends the progress display (a newline after a terminal bar). */
    public void finish() {
        if (terminal && !last.isEmpty()) {
            out.println();
            last = "";
        }
    }

    /** Whether fd 2 is a terminal (Linux: {@code /proc/self/fd/2} links to a tty), and {@code TERM} is not dumb. */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@code $COLUMNS} when set, else 80. */
    public static int terminalColumns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
