package dev.forecourt.iiif.request;

import java.util.Locale;

/** The quality parameter. */
public enum Quality {
    DEFAULT, COLOR, GRAY, BITONAL;

    public static Quality parse(String s) throws IiifException {
        return switch (s) {
            case "default" -> DEFAULT;
            case "color" -> COLOR;
            case "gray" -> GRAY;
            case "bitonal" -> BITONAL;
            default -> throw IiifException.bad("quality '" + s + "' is not one of default, color, gray, bitonal");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
