package dev.forecourt.edge.role.api;

import java.util.HashMap;
import java.util.Map;

/**
 * A custom domain's API mappings as API Gateway picks one: the mapping whose path is the longest prefix of the
 * request's path, by whole segments ({@code orders} takes {@code /orders} and {@code /orders/7}, not
 * {@code /orders-old}), else the empty mapping ({@code ""}), else none. Segments are compared percent-decoded, as the
 * APIs behind route them, except {@code %2F}, which never separates two (it is a character of its segment).
 *
 * @param <T> what a mapping leads to
 */
final class ApiMappings<T> {
    /** The mapping that took a path: its key, its target, and how many of the path's segments the key is. */
    record Match<T>(String key, T target, int segments) {}

    private final Map<String, Match<T>> byKey = new HashMap<>();
    private final Match<T> root;
    private final int deepest;

    /** {@code mappings}: key ({@code ""}, {@code v1}, {@code v1/orders}) to target. */
    ApiMappings(Map<String, T> mappings) {
        int depth = 0;
        Match<T> empty = null;
        for (Map.Entry<String, T> e : mappings.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty()) {
                empty = new Match<>(key, e.getValue(), 0);
                continue;
            }
            int segments = key.split("/", -1).length;
            byKey.put(key, new Match<>(key, e.getValue(), segments));
            depth = Math.max(depth, segments);
        }
        this.root = empty;
        this.deepest = depth;
    }

    /** The mapping for {@code path} (as it arrived: encoded, starting with '/', without the query), or null. */
    Match<T> find(String path) {
        Match<T> best = root;
        StringBuilder prefix = null;
        int from = 1;
        for (int depth = 1; depth <= deepest && from <= path.length(); depth++) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            if (end == from) {
                break; // an empty segment ('//', or the trailing '/'): no mapping's path has one
            }
            if (prefix == null) {
                prefix = new StringBuilder(path.length());
            } else {
                prefix.append('/');
            }
            prefix.append(RequestPath.decode(path.substring(from, end), true));
            Match<T> m = byKey.get(prefix.toString());
            if (m != null) {
                best = m;
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        return best;
    }

    /** {@code path} without its first {@code segments} segments: what the mapped API's routes see ("/" at least). */
    static String strip(String path, int segments) {
        int at = 0;
        for (int i = 0; i < segments; i++) {
            at = path.indexOf('/', at + 1);
            if (at < 0) {
                return "/";
            }
        }
        return path.substring(at);
    }
}
