package dev.forecourt.iiif.request;

/** The two Image API versions served: 3.0 at {@code /iiif/3/} and 2.1 at {@code /iiif/2/}. */
public enum ApiVersion {
    V2("2", "http://iiif.io/api/image/2/context.json", "http://iiif.io/api/image/2/level2.json"),
    V3("3", "http://iiif.io/api/image/3/context.json", "http://iiif.io/api/image/3/level2.json");

    private final String segment;
    private final String context;
    private final String profile;

    ApiVersion(String segment, String context, String profile) {
        this.segment = segment;
        this.context = context;
        this.profile = profile;
    }

    /** The path segment after {@code /iiif/}. */
    public String segment() {
        return segment;
    }

    /** The JSON-LD context of info.json. */
    public String context() {
        return context;
    }

    /** The compliance profile URI, as sent in the {@code Link rel="profile"} header. */
    public String profile() {
        return profile;
    }

    public static ApiVersion ofSegment(String s) {
        return switch (s) {
            case "2" -> V2;
            case "3" -> V3;
            default -> null;
        };
    }
}
