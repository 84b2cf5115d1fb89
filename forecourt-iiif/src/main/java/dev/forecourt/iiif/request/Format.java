package dev.forecourt.iiif.request;

import java.util.Locale;

/** The format parameter: an extension and its media type. */
public enum Format {
    JPG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), TIF("image/tiff"), GIF("image/gif"), JP2("image/jp2"), PDF("application/pdf");

    private final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String s) throws IiifException {
        for (Format f : values()) {
            if (f.extension().equals(s)) {
                return f;
            }
        }
        throw IiifException.bad("format '" + s + "' is not one of jpg, png, webp, tif, gif, jp2, pdf");
    }
}
