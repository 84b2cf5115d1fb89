package dev.forecourt.edge.function;

import java.util.List;

/**
 * A function's template: text with {@code $uri} (the path), {@code $query} and {@code $host}, each also written
 * {@code ${uri}} as the access log takes its fields, so that a name can be followed by letters
 * ({@code ${uri}_v2}). A {@code $} not followed by a letter or a brace is text ({@code $5}). It is filled in one
 * pass: a value that itself contains {@code $query} or {@code $host} (a viewer's path can) is never filled again.
 */
public final class Template {
    private Template() {}

    /** The names a template may use. */
    public static final List<String> NAMES = List.of("uri", "query", "host");

    /** Null if every {@code $name} in the template is known, else what is wrong and what is allowed. */
    public static String problem(String template) {
        int i = template.indexOf('$');
        while (i >= 0) {
            Ref ref = Ref.at(template, i);
            if (ref != null) {
                if (!ref.closed) {
                    return "'${" + ref.name + "' is missing its '}'";
                }
                if (!NAMES.contains(ref.name)) {
                    String written = template.substring(i, ref.end);
                    return "unknown template name '" + written + "'; allowed: $uri, $query, $host (or ${uri}, ${query}, ${host}"
                            + " when letters follow)";
                }
                i = template.indexOf('$', ref.end);
            } else {
                i = template.indexOf('$', i + 1);
            }
        }
        return null;
    }

    static String fill(String template, String path, String query, String host) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length() + path.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            Ref ref = c == '$' ? Ref.at(template, i) : null;
            String value = ref == null || !ref.closed ? null : switch (ref.name) {
                case "uri" -> path;
                case "query" -> query == null ? "" : query;
                case "host" -> host;
                default -> null; // refused when the configuration was read; kept as text if built in code
            };
            if (value == null) {
                b.append(c);
                i++;
            } else {
                b.append(value);
                i = ref.end;
            }
        }
        return b.toString();
    }

    /** A {@code $name} or {@code ${name}} starting at {@code at}; null when the {@code $} is plain text. */
    private record Ref(String name, int end, boolean closed) {
        static Ref at(String t, int at) {
            boolean braces = at + 1 < t.length() && t.charAt(at + 1) == '{';
            int start = braces ? at + 2 : at + 1;
            if (!braces && (start >= t.length() || !Character.isLetter(t.charAt(start)))) {
                return null;
            }
            int end = start;
            while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
                end++;
            }
            String name = t.substring(start, end);
            if (!braces) {
                return new Ref(name, end, true);
            }
            boolean closed = end < t.length() && t.charAt(end) == '}';
            return new Ref(name, closed ? end + 1 : end, closed);
        }
    }
}
