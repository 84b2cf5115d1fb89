package dev.forecourt.http;

/**
 * Syntax of the Host header value (RFC 9110 section 7.2: uri-host [ ":" port ]). Routing depends on it, so a
 * value that is not a host is refused rather than guessed at.
 */
public final class HostHeader {
    private HostHeader() {}

    /** Null if valid, else why not. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "the Host header is empty";
        }
        int i = 0;
        int n = value.length();
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 0) {
                return "IPv6 literal without ']'";
            }
            if (close == 1) {
                return "the IPv6 literal '[]' is empty";
            }
            for (int k = 1; k < close; k++) {
                char c = value.charAt(k);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    return "invalid character in IPv6 literal";
                }
            }
            i = close + 1;
        } else {
            while (i < n && value.charAt(i) != ':') {
                char c = value.charAt(i);
                if (!isRegNameChar(c)) {
                    return "invalid character '" + printable(c) + "' in host";
                }
                i++;
            }
            if (i == 0) {
                return "the host part is empty";
            }
        }
        if (i < n) {
            if (value.charAt(i) != ':') {
                return "unexpected '" + printable(value.charAt(i)) + "' after the host";
            }
            if (i + 1 == n || n - i - 1 > 5) {
                return "the port must be 1 to 5 digits";
            }
            for (int k = i + 1; k < n; k++) {
                if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                    return "the port must be digits";
                }
            }
        }
        return null;
    }

    /** The host without port, lower case; IPv6 literals keep their brackets. */
    public static String hostOnly(String value) {
        int end = value.length();
        if (value.startsWith("[")) {
            end = value.indexOf(']') + 1;
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0) {
                end = colon;
            }
        }
        String h = value.substring(0, end);
        for (int k = 0; k < h.length(); k++) {
            char c = h.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                return h.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return h;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // unreserved / pct-encoded / sub-delims (RFC 3986 reg-name)
    private static boolean isRegNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '%'
                || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')'
                || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }
}
