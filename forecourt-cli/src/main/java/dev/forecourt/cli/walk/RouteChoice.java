package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.api.RouteConfig;
import dev.forecourt.edge.role.api.RouteKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The routes of an API that paths with a known start may take: each route whose key some of them match, and the
 * {@code $default} route too unless one of those takes them all (whatever the method). Empty: the API answers them
 * 404.
 */
final class RouteChoice {
    private RouteChoice() {}

    static List<RouteConfig> of(List<RouteConfig> routes, PathStart path) {
        Segments s = Segments.of(path);
        List<RouteConfig> out = new ArrayList<>();
        boolean all = false;
        RouteConfig fallback = null;
        for (RouteConfig r : routes) {
            if (r.key().isDefault()) {
                fallback = r;
            } else if (may(r.key(), s)) {
                out.add(r);
                all |= takesAll(r.key(), s);
            }
        }
        if (!all && fallback != null) out.add(fallback);
        return out;
    }

    /** A path start cut in segments: the whole ones, then the start of the next ({@code null} when the path is exact). */
    private record Segments(List<String> whole, String partial) {
        static Segments of(PathStart p) {
            String t = p.text().startsWith("/") ? p.text().substring(1) : p.text();
            List<String> parts = t.isEmpty() ? List.of() : Arrays.asList(t.split("/", -1));
            if (p.exact()) return new Segments(parts, null);
            if (parts.isEmpty()) return new Segments(List.of(), "");
            return new Segments(parts.subList(0, parts.size() - 1), parts.getLast());
        }
    }

    private static boolean may(RouteKey key, Segments s) {
        List<RouteKey.Segment> segs = key.segments();
        for (int k = 0; k < segs.size(); k++) {
            RouteKey.Segment seg = segs.get(k);
            if (k < s.whole().size()) {
                String part = s.whole().get(k);
                if (seg instanceof RouteKey.Greedy) return !part.isEmpty();
                if (seg instanceof RouteKey.Literal l ? !l.text().equals(part) : part.isEmpty()) return false;
            } else if (k == s.whole().size() && s.partial() != null) {
                // the path goes on: this segment may start with what is known of it, the rest is free
                return !(seg instanceof RouteKey.Literal l) || l.text().startsWith(s.partial());
            } else {
                return false; // an exact path that ends before the route does
            }
        }
        return s.partial() == null && s.whole().size() == segs.size();
    }

    private static boolean takesAll(RouteKey key, Segments s) {
        if (!key.method().equals("ANY") || !key.isGreedy()) return false;
        List<RouteKey.Segment> segs = key.segments();
        int before = segs.size() - 1; // the segments ahead of the greedy one, each to be known and matched
        if (s.whole().size() < before) return false;
        for (int k = 0; k < before; k++) {
            if (segs.get(k) instanceof RouteKey.Literal l && !l.text().equals(s.whole().get(k))) return false;
        }
        return true;
    }
}
