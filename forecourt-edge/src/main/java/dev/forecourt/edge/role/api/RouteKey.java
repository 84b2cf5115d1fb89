package dev.forecourt.edge.role.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route as an HTTP API writes it: {@code METHOD /path} ({@code ANY} for every method not routed otherwise), whose
 * segments are literal text, a path variable {@code {name}} (one whole segment) or a greedy one {@code {name+}} (one or
 * more segments, last only); or {@code $default}, the catch-all.
 */
public record RouteKey(String text, String method, List<Segment> segments) {
    /** What the catch-all route is called. */
    public static final String DEFAULT = "$default";
    /** The methods a route may name (API Gateway's). */
    static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** One segment of a route's path. */
    public sealed interface Segment {}

    /** Literal text, compared with the request's decoded segment. */
    public record Literal(String text) implements Segment {}

    /** {@code {name}}: any one non-empty segment. */
    public record Variable(String name) implements Segment {}

    /** {@code {name+}}: the rest of the path, one segment or more. */
    public record Greedy(String name) implements Segment {}

    public RouteKey {
        segments = List.copyOf(segments);
    }

    public boolean isDefault() {
        return text.equals(DEFAULT);
    }

    public boolean isGreedy() {
        return !segments.isEmpty() && segments.getLast() instanceof Greedy;
    }

    /** The names of its path variables, in order. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Variable v) out.add(v.name());
            if (s instanceof Greedy g) out.add(g.name());
        }
        return out;
    }

    /** Reads {@code GET /pets/{id}} or {@code $default}; IllegalArgumentException says what is wrong. */
    public static RouteKey parse(String text) {
        String t = text.trim();
        if (t.equals(DEFAULT)) {
            return new RouteKey(DEFAULT, "ANY", List.of());
        }
        int space = t.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a route key: write METHOD /path (GET /pets/{id},"
                    + " ANY /api/{proxy+}) or $default");
        }
        String method = t.substring(0, space);
        String path = t.substring(space + 1).trim();
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("'" + method + "' is not a route method; allowed: ANY, GET, POST, PUT,"
                    + " DELETE, PATCH, HEAD, OPTIONS (upper case)");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the path '" + path + "' must start with '/'");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0 || path.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("the path '" + path + "' may not hold '?', '#' or spaces: routes match"
                    + " the path only");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new IllegalArgumentException("the path '" + path + "' has an empty segment ('//' or a trailing '/')");
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                boolean greedy = p.endsWith("+}");
                String name = p.substring(1, p.length() - (greedy ? 2 : 1));
                if (!name.matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("'" + p + "' is not a path variable: {name} or {name+}, the name"
                            + " of letters, digits, '_', '.', '-'");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("the path variable '" + name + "' is named twice in '" + path + "'");
                }
                if (greedy && i != parts.length - 1) {
                    throw new IllegalArgumentException("the greedy path variable '" + p + "' must be the last segment"
                            + " of '" + path + "'");
                }
                segments.add(greedy ? new Greedy(name) : new Variable(name));
            } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                throw new IllegalArgumentException("'" + p + "' mixes text and a variable; a path variable is a whole"
                        + " segment: /pets/{id}, not /pets/id-{id}");
            } else {
                segments.add(new Literal(p));
            }
        }
        return new RouteKey(method + " " + path, method, segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
