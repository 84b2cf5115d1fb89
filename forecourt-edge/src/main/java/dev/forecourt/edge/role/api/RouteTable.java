package dev.forecourt.edge.role.api;

import dev.forecourt.edge.role.api.RouteKey.Greedy;
import dev.forecourt.edge.role.api.RouteKey.Literal;
import dev.forecourt.edge.role.api.RouteKey.Segment;
import dev.forecourt.edge.role.api.RouteKey.Variable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An API's routes, compiled once per configuration into a tree of segments, and the HTTP API's choice among them:
 * a full match first (among several, the one with fewer path variables; then the one whose literal segments come
 * first), then a greedy {@code {name+}} route (the longest prefix first), then {@code $default}. At each route path
 * the request's method is routed before {@code ANY}. A look-up walks only the branches the request's segments lead
 * into; it makes no object but the match it returns.
 *
 * @param <T> what a route leads to
 */
final class RouteTable<T> {
    /** A route and what it leads to. */
    record Entry<T>(RouteKey key, T value) {}

    /** The chosen route, and the request's segments, from which its path variables are read. */
    record Match<T>(Entry<T> route, String[] segments) {
        /** The decoded value of the path variable {@code name}, or null; a greedy one is the rest of the path. */
        String variable(String name) {
            List<Segment> s = route.key().segments();
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i) instanceof Variable v && v.name().equals(name)) {
                    return segments[i];
                }
                if (s.get(i) instanceof Greedy g && g.name().equals(name)) {
                    return String.join("/", Arrays.asList(segments).subList(i, segments.length));
                }
            }
            return null;
        }
    }

    private final Node<T> root = new Node<>();
    private final Entry<T> fallback;
    private final int size;

    /** {@code routes} with distinct keys (the reader refuses a key given twice). */
    RouteTable(List<Entry<T>> routes) {
        Entry<T> dflt = null;
        for (Entry<T> r : routes) {
            if (r.key().isDefault()) {
                dflt = r;
                continue;
            }
            Node<T> n = root;
            List<Segment> segments = r.key().segments();
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s instanceof Greedy) {
                    n.greedy = n.greedy == null ? new Methods<>() : n.greedy;
                    n.greedy.put(r);
                    n = null;
                    break;
                }
                n = s instanceof Literal l ? n.literal(l.text()) : n.variable();
            }
            if (n != null) {
                n.terminal = n.terminal == null ? new Methods<>() : n.terminal;
                n.terminal.put(r);
            }
        }
        this.fallback = dflt;
        this.size = routes.size();
    }

    int size() {
        return size;
    }

    /** The route for {@code method} and the request's decoded {@code segments}, or null when none takes it. */
    Match<T> find(String method, String[] segments) {
        Search<T> s = new Search<>(method, segments);
        s.visit(root, 0, 0);
        if (s.best != null) {
            return new Match<>(s.best, segments);
        }
        return fallback == null ? null : new Match<>(fallback, segments);
    }

    /** One look-up's walk, keeping the best route found so far. */
    private static final class Search<T> {
        final String method;
        final String[] segments;
        Entry<T> best;
        boolean bestFull;
        int bestDepth;
        int bestVariables;

        Search(String method, String[] segments) {
            this.method = method;
            this.segments = segments;
        }

        void visit(Node<T> n, int depth, int variables) {
            if (depth == segments.length) {
                if (n.terminal != null) {
                    offer(n.terminal.pick(method), true, depth, variables);
                }
                return;
            }
            // a greedy variable takes one segment or more, and not a lone empty one (a trailing slash)
            if (n.greedy != null && !(depth == segments.length - 1 && segments[depth].isEmpty())) {
                offer(n.greedy.pick(method), false, depth, variables);
            }
            Node<T> lit = n.find(segments[depth]);
            if (lit != null) {
                visit(lit, depth + 1, variables);
            }
            if (n.variable != null && !segments[depth].isEmpty()) {
                visit(n.variable, depth + 1, variables + 1);
            }
        }

        /** Literal branches are walked first: on a tie the route found first, whose literals come first, stays. */
        private void offer(Entry<T> e, boolean full, int depth, int variables) {
            if (e == null) {
                return;
            }
            boolean better;
            if (best == null) {
                better = true;
            } else if (full != bestFull) {
                better = full;
            } else if (full) {
                better = variables < bestVariables;
            } else {
                better = depth > bestDepth || (depth == bestDepth && variables < bestVariables);
            }
            if (better) {
                best = e;
                bestFull = full;
                bestDepth = depth;
                bestVariables = variables;
            }
        }
    }

    /** The routes that end at one path: by method, and {@code ANY}. */
    private static final class Methods<T> {
        final Map<String, Entry<T>> byMethod = new HashMap<>(4);
        Entry<T> any;

        void put(Entry<T> e) {
            if (e.key().method().equals("ANY")) {
                any = e;
            } else {
                byMethod.put(e.key().method(), e);
            }
        }

        Entry<T> pick(String method) {
            Entry<T> e = byMethod.isEmpty() ? null : byMethod.get(method);
            return e != null ? e : any;
        }
    }

    /** A point in the tree of segments: its literal children (by hash, then text), its variable child, its routes. */
    private static final class Node<T> {
        private static final String[] NO_NAMES = new String[0];
        String[] names = NO_NAMES;
        int[] hashes = new int[0];
        @SuppressWarnings("unchecked")
        Node<T>[] children = new Node[0];
        Node<T> variable;
        Methods<T> terminal;
        Methods<T> greedy;

        Node<T> literal(String text) {
            Node<T> n = find(text);
            if (n == null) {
                int k = names.length;
                names = Arrays.copyOf(names, k + 1);
                hashes = Arrays.copyOf(hashes, k + 1);
                children = Arrays.copyOf(children, k + 1);
                names[k] = text;
                hashes[k] = text.hashCode();
                n = children[k] = new Node<>();
            }
            return n;
        }

        Node<T> variable() {
            return variable == null ? variable = new Node<>() : variable;
        }

        Node<T> find(String segment) {
            if (names.length == 0) {
                return null;
            }
            int h = segment.hashCode(); // cached in the String after the first call
            for (int i = 0; i < hashes.length; i++) {
                if (hashes[i] == h && names[i].equals(segment)) {
                    return children[i];
                }
            }
            return null;
        }
    }
}
