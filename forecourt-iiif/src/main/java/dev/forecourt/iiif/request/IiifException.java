package dev.forecourt.iiif.request;

import dev.forecourt.http.ErrorType;

/** A request the image service refuses: the taxonomy type, what was wrong, and (optionally) the fix. */
public final class IiifException extends Exception {
    private final ErrorType type;
    private final String fix;

    public IiifException(ErrorType type, String detail) {
        this(type, detail, null);
    }

    public IiifException(ErrorType type, String detail, String fix) {
        super(detail, null, false, false);
        this.type = type;
        this.fix = fix;
    }

    public static IiifException bad(String detail) {
        return new IiifException(ErrorType.BAD_REQUEST, detail);
    }

    public ErrorType type() {
        return type;
    }

    public String fix() {
        return fix;
    }
}
