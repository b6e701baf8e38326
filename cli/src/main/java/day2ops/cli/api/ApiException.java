package day2ops.cli.api;

/** The cluster answered with an HTTP error status; the message is {@code <status> <reason>: <detail>}. */
public class ApiException extends CliException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, FAILED);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
