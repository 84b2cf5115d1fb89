package dev.forecourt.edge.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@code $field} / {@code ${field}} templates of log lines, and JSON text for the json ones. */
final class LineTemplate {
    private LineTemplate() {}

    /**
     * Literal text (Strings) and what {@code field} makes of each {@code $name}; {@code field} throws
     * IllegalArgumentException for a name it does not know, naming the ones it does.
     */
    static List<Object> parse(String format, Function<String, Object> field) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            boolean braces = i + 1 < format.length() && format.charAt(i + 1) == '{';
            int start = braces ? i + 2 : i + 1;
            int end = start;
            while (end < format.length() && (Character.isLetterOrDigit(format.charAt(end)) || format.charAt(end) == '_')) {
                end++;
            }
            String key = format.substring(start, end);
            Object f = field.apply(key);
            if (braces) {
                if (end >= format.length() || format.charAt(end) != '}') {
                    throw new IllegalArgumentException("'${" + key + "' is missing its '}'");
                }
                end++;
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(f);
            i = end;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return List.copyOf(parts);
    }
}
