package dev.forecourt.http;

/** An error of the taxonomy, with what arrived, what was expected and the likely fix. Stackless: it is an answer, not a bug. */
public class ForecourtException extends RuntimeException {
    private final ErrorType type;
    private final String fix;

    public ForecourtException(ErrorType type, String detail) {
        this(type, detail, null, null);
    }

    public ForecourtException(ErrorType type, String detail, Throwable cause) {
        this(type, detail, null, cause);
    }

    /** {@code detail}: what arrived and what was expected; {@code fix}: the likely fix, or null for the type's usual one. */
    public ForecourtException(ErrorType type, String detail, String fix, Throwable cause) {
        super(detail, cause, false, false);
        this.type = type;
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }

    public ErrorType type() {
        return type;
    }
}
