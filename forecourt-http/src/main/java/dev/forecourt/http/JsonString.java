package dev.forecourt.http;

/**
 * A JSON string (RFC 8259 section 7): the one escaping every document Forecourt writes by hand uses (access log lines,
 * info.json, a deployment's record). A library's writer would do the same and bring ~80 classes into every start.
 */
public final class JsonString {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonString() {}

    /** Appends {@code s} to {@code b} as a JSON string, quotes and escapes included. */
    public static StringBuilder append(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** {@code s} as a JSON string. */
    public static String of(String s) {
        return append(new StringBuilder(s.length() + 8), s).toString();
    }
}
