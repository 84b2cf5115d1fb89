package dev.forecourt.edge.framing;

/** The character classes the reference checks against: RFC 9110 tokens and lists, RFC 9112 chunk extensions, RFC 3986 paths. */
final class Syntax {
    private Syntax() {}

    static boolean tchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static boolean token(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> tchar((char) c));
    }

    static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static boolean hexdig(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static boolean ows(char c) {
        return c == ' ' || c == '\t';
    }

    /** A control character other than HTAB (RFC 5234 CTL), which covers NUL, bare CR and DEL. */
    static boolean control(char c) {
        return c < 0x20 && c != '\t' || c == 0x7f;
    }

    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && ows(s.charAt(from))) from++;
        while (to > from && ows(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /**
     * Origin-form: absolute-path [ "?" query ], with pchar = unreserved / pct-encoded / sub-delims / ":" / "@"; and
     * the one byte beyond RFC 3986 Forecourt takes on purpose, a raw '^' (IIIF Image API 3.0 paths: RequestLine).
     */
    static boolean originForm(String s) {
        if (!s.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !hexdig(s.charAt(i + 1)) || !hexdig(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?^".indexOf(c) >= 0)) {
                return false; // '?' may appear anywhere after the path starts: the first begins the query, the rest are query chars
            }
        }
        return true;
    }

    /** chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), values token or quoted-string. */
    static boolean chunkExtensions(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            i = skipOws(s, i);
            if (i >= n || s.charAt(i) != ';') return false;
            i = skipOws(s, i + 1);
            int name = i;
            while (i < n && tchar(s.charAt(i))) i++;
            if (i == name) return false;
            int afterName = i;
            i = skipOws(s, i);
            if (i < n && s.charAt(i) == '=') {
                i = skipOws(s, i + 1);
                if (i < n && s.charAt(i) == '"') {
                    i = quotedStringEnd(s, i);
                    if (i < 0) return false;
                } else {
                    int value = i;
                    while (i < n && tchar(s.charAt(i))) i++;
                    if (i == value) return false;
                }
            } else {
                i = afterName;
            }
        }
        return true;
    }

    private static int skipOws(String s, int i) {
        while (i < s.length() && ows(s.charAt(i))) i++;
        return i;
    }

    /** Index after the closing quote of the quoted-string starting at i, or -1. */
    private static int quotedStringEnd(String s, int i) {
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\') {
                i++;
                if (i >= s.length() || control(s.charAt(i))) return -1;
            } else if (control(c)) {
                return -1;
            }
        }
        return -1;
    }
}
