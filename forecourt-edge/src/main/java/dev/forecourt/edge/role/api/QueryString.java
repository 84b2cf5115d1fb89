package dev.forecourt.edge.role.api;

import java.util.ArrayList;
import java.util.List;

/** A request's query string as mappings read and edit it: name=value pairs, kept in their order and encoding. */
final class QueryString {
    private final List<String[]> pairs = new ArrayList<>(); // encoded name, encoded value (null: a bare name)

    private QueryString() {}

    static QueryString parse(String query) {
        QueryString q = new QueryString();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                q.pairs.add(eq < 0 ? new String[] {part, null} : new String[] {part.substring(0, eq), part.substring(eq + 1)});
            }
        }
        return q;
    }

    /** The decoded values of {@code name} joined with commas, as API Gateway gives them; null if absent. */
    static String values(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringBuilder b = null;
        for (String[] p : parse(query).pairs) {
            if (decode(p[0]).equals(name)) {
                b = b == null ? new StringBuilder() : b.append(',');
                b.append(p[1] == null ? "" : decode(p[1]));
            }
        }
        return b == null ? null : b.toString();
    }

    void append(String name, String value) {
        pairs.add(new String[] {encode(name), encode(value)});
    }

    void overwrite(String name, String value) {
        remove(name);
        append(name, value);
    }

    void remove(String name) {
        pairs.removeIf(p -> decode(p[0]).equals(name));
    }

    /** The query without '?', or null when empty. */
    String text() {
        if (pairs.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            if (!b.isEmpty()) b.append('&');
            b.append(p[0]);
            if (p[1] != null) b.append('=').append(p[1]);
        }
        return b.toString();
    }

    private static String decode(String s) {
        return RequestPath.decode(s.replace('+', ' '), false);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
