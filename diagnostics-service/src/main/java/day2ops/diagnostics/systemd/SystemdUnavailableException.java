package day2ops.diagnostics.systemd;

/** systemd could not be asked (socket missing, no permission, timed out, protocol error). */
public class SystemdUnavailableException extends RuntimeException {

    public SystemdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
