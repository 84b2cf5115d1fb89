package dev.forecourt.edge.route;

/**
 * A CloudFront path pattern: {@code *} matches any run of characters (slashes included), {@code ?} exactly one;
 * case-sensitive; matched against the path without its query string. A pattern without a leading slash gets one.
 */
public record PathPattern(String text) {

    public PathPattern {
        if (!text.startsWith("/") && !text.startsWith("*")) {
            text = "/" + text;
        }
    }

    public boolean matches(String path) {
        return glob(text, 0, path, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') pi++;
                if (pi == p.length()) return true;
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi, s, k)) return true;
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
