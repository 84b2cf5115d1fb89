package dev.forecourt.edge.auth;

/**
 * A value taken from a token (a {@code kid}, an issuer, an audience), made fit for a log line and a trace: anyone can
 * put anything in a token, so it is cut short and control characters are replaced, and it is quoted.
 */
final class TokenText {
    private static final int MAX = 80;

    private TokenText() {}

    static String quote(Object value) {
        if (value == null) return "none";
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 3).append('\'');
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > MAX) b.append('…');
        return b.append('\'').toString();
    }
}
