package day2ops.logs.journal;

/** A request the service cannot serve as asked: carries the HTTP status and what was wrong. */
public final class LogRequestException extends RuntimeException {

    private final int status;

    public LogRequestException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static LogRequestException badRequest(String detail) {
        return new LogRequestException(400, detail);
    }

    public int status() {
        return status;
    }
}
