package dev.forecourt.edge.framing;

/** Bytes (as ISO-8859-1 text) written as a Java string literal, so a counterexample can be pasted back into a test. */
final class Escape {
    private Escape() {}

    static String literal(String latin1) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
