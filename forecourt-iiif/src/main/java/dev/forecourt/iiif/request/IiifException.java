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

    /**
     * A parameter the Image API does not take. Its fix points at the API's syntax, not at HTTP's (the request is
     * well-formed HTTP; the taxonomy's usual fix for bad_request would say otherwise).
     */
    public static IiifException bad(String detail) {
        return new IiifException(ErrorType.BAD_REQUEST, detail, PARAMETERS);
    }

    /** An identifier that names no image any way: its fix is the identifier's encoding. */
    public static IiifException badIdentifier(String detail) {
        return new IiifException(ErrorType.BAD_REQUEST, detail, "name an image the list at / shows, by its"
                + " identifier percent-encoded as UTF-8 (a '/' in it as %2F).");
    }

    static final String PARAMETERS = "write the request as the IIIF Image API has it, {region}/{size}/{rotation}/"
            + "{quality}.{format}, e.g. full/max/0/default.jpg (https://iiif.io/api/image/3.0/#4-image-requests).";

    public ErrorType type() {
        return type;
    }

    public String fix() {
        return fix;
    }
}
