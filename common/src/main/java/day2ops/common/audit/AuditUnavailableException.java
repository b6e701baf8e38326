package day2ops.common.audit;

/** An audit record that had to be confirmed could not be written; what it describes must not happen. */
public final class AuditUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
