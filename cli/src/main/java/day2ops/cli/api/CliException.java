package day2ops.cli.api;

/**
 * A failure the user is told about in one line ({@code day2: <message>}) with a documented exit code; never
 * a stack trace.
 */
public class CliException extends RuntimeException {

    /** The server answered with an error status, or the operation ended badly (e.g. a bundle that failed). */
    public static final int FAILED = 1;
    /** Nothing answered at the URL: connection refused, unknown host, timeout. */
    public static final int UNREACHABLE = 3;

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message) {
        this(message, FAILED);
    }

    public int exitCode() {
        return exitCode;
    }
}
