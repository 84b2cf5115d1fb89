package dev.forecourt.http;

/**
 * RFC 9112 section 3: what a request line may hold. The target is passed on byte for byte as it arrived, so it
 * must be one an origin reads the same way: origin-form or absolute-form of RFC 3986's characters (percent-encoded
 * where needed), no fragment; {@code *} for OPTIONS. One byte outside RFC 3986 is let through: a raw {@code ^}, which
 * IIIF Image API 3.0 puts in its paths ({@code /full/^max/0/default.jpg}) and its clients (the official validator
 * among them) send unencoded; nginx takes it too, and no origin reads it as anything but itself. The version is
 * {@code HTTP/1.x}, case-sensitive.
 */
public final class RequestLine {
    private RequestLine() {}

    /** Why this target is not a valid request-target, or null. The file's paths are held to it too (Values). */
    public static String targetProblem(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || hex(target.charAt(i + 1)) < 0 || hex(target.charAt(i + 2)) < 0) {
                    return "a '%' in the request target is not followed by two hex digits (at " + i + ")";
                }
            } else if (c == '#') {
                return "the request target has a fragment ('#'): a fragment is never sent to a server";
            } else if (!allowed(c)) {
                return "the request target has the byte 0x" + Integer.toHexString(c & 0xFF | 0x100).substring(1)
                        + " at " + i + ", which must be percent-encoded (RFC 3986)";
            }
        }
        return null;
    }

    /** An HTTP-version of a later major than 1 (RFC 9112 2.3: "HTTP/" DIGIT "." DIGIT): 505, not a malformed 400. */
    static boolean laterMajor(String version) {
        return version.length() == 8 && version.startsWith("HTTP/") && version.charAt(5) >= '2' && version.charAt(5) <= '9'
                && version.charAt(6) == '.' && version.charAt(7) >= '0' && version.charAt(7) <= '9';
    }

    /** Why this is not an HTTP/1.x version, or null. HTTP/1.2 and later minors are read as 1.1. */
    static String versionProblem(String version) {
        if (version.length() != 8 || !version.startsWith("HTTP/1.") || version.charAt(7) < '0' || version.charAt(7) > '9') {
            return "the request line's version '" + version + "' is not HTTP/1.0 or HTTP/1.1 (the name is case-sensitive)";
        }
        return null;
    }

    /** unreserved / sub-delims / ":" / "@" / "/" / "?" (pct-encoded is checked apart), and IIIF's "^". */
    private static boolean allowed(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "-._~!$&'()*+,;=:@/?[]^".indexOf(c) >= 0; // [] for an IPv6 authority in absolute-form
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
