package day2ops.journal;

/**
 * A libsystemd call failed. Carries the function that failed and the errno it returned
 * (sd-journal functions return {@code -errno}).
 */
public class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;

    public JournalException(String function, int errno, String message) {
        super(function + " failed: " + message + " (errno " + errno + ")");
        this.function = function;
        this.errno = errno;
    }

    /** The libsystemd function that failed, e.g. {@code sd_journal_seek_cursor}. */
    public String function() {
        return function;
    }

    /** The positive errno value, e.g. 22 for EINVAL. */
    public int errno() {
        return errno;
    }
}
