package dev.forecourt.http;

/** An error of the taxonomy, with what arrived, what was expected and the likely fix. Stackless: it is an answer, not a bug. */
public class ForecourtException extends RuntimeException {
    private final ErrorType type;

    public ForecourtException(ErrorType type, String detail) {
        this(type, detail, null);
    }

    public ForecourtException(ErrorType type, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
