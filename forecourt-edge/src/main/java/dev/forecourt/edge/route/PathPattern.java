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

    /**
     * Whether this pattern matches every path {@code later} matches, so that {@code later}, listed after it, is never reached. A {@code *}
     * here covers any run of the other's characters, {@code ?} and {@code *}; a {@code ?} covers one character or
     * {@code ?}. Sound (a true answer is always right); a few exotic equal pairs ({@code *?} and {@code ?*}) are missed.
     */
    public boolean covers(PathPattern later) {
        return covers(text, 0, later.text, 0, new Boolean[text.length() + 1][later.text.length() + 1]);
    }

    private static boolean covers(String a, int i, String b, int j, Boolean[][] memo) {
        if (memo[i][j] != null) return memo[i][j];
        boolean r;
        if (i == a.length()) {
            r = j == b.length();
        } else if (a.charAt(i) == '*') {
            r = false;
            for (int k = j; k <= b.length() && !r; k++) {
                r = covers(a, i + 1, b, k, memo);
            }
        } else if (j == b.length() || b.charAt(j) == '*') {
            r = false; // one character can't cover the end, nor any run
        } else if (a.charAt(i) == '?') {
            r = covers(a, i + 1, b, j + 1, memo);
        } else {
            r = a.charAt(i) == b.charAt(j) && b.charAt(j) != '?' && covers(a, i + 1, b, j + 1, memo);
        }
        memo[i][j] = r;
        return r;
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
