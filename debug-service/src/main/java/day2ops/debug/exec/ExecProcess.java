package day2ops.debug.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A command running inside a task, as a backend started it. */
public interface ExecProcess {

    /** The command's standard input. */
    OutputStream stdin();

    /** The command's standard output (with a TTY: everything the terminal shows). */
    InputStream stdout();

    /** The command's standard error; empty with a TTY, where it is merged into stdout. */
    Optional<InputStream> stderr();

    /** Sets the terminal's window size (the command gets SIGWINCH); ignored without a TTY. Blocks until applied. */
    void resize(int columns, int rows) throws IOException;

    /** Completes with the exit code: the command's own, or {@code 128 + n} when signal n ended it. */
    CompletableFuture<Integer> exitCode();

    /** Ends the command and everything it started, forcibly. */
    void kill();
}
