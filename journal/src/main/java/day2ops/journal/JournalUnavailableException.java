package day2ops.journal;

/**
 * {@code libsystemd.so.0} (or one of the functions this module needs) is not present on this machine.
 * Nothing in this module works without it, and nothing falls back silently.
 */
public final class JournalUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
