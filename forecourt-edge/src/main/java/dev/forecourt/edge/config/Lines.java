package dev.forecourt.edge.config;

import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a configuration file is: its YAML path (as messages name it) to its line. The config records
 * keep no lines, so that findings made after reading ({@code check}'s hop walk and its loading of certificates,
 * files and listeners) can still say file:line; a side table kept here rather than a line in every record.
 * <p>
 * Paths are {@code a.b} for map keys and {@code a[0]} for list items; a list item that is a map with a
 * {@code pathPattern} is also {@code a[/pattern/*]}, the name the reader and the hop walk give a behavior.
 */
public final class Lines {
    private final Map<String, Integer> lines = new HashMap<>();

    private Lines() {}

    public static Lines of(Node root) {
        Lines l = new Lines();
        l.walk("", root);
        return l;
    }

    private void walk(String path, Node n) {
        switch (n) {
            case MapNode m -> m.entries().values().forEach(e -> {
                String p = path.isEmpty() ? e.key() : path + "." + e.key();
                lines.put(p, e.line());
                walk(p, e.value());
            });
            case ListNode l -> {
                for (int i = 0; i < l.items().size(); i++) {
                    Node item = l.items().get(i);
                    lines.put(path + "[" + i + "]", item.line());
                    walk(path + "[" + i + "]", item);
                    if (item instanceof MapNode m && m.entries().get("pathPattern") instanceof Yaml.Entry pe
                            && pe.value() instanceof Scalar s && s.text() != null) {
                        lines.putIfAbsent(path + "[" + s.text() + "]", item.line());
                        walk(path + "[" + s.text() + "]", item);
                    }
                }
            }
            case Scalar s -> { }
        }
    }

    /** Whether the file has this path. */
    public boolean has(String path) {
        return lines.containsKey(path);
    }

    /** The line of a path, or 0 when the file does not have it (a default the reader filled in). */
    public int line(String path) {
        return lines.getOrDefault(path, 0);
    }

    /**
     * The line of the longest path a message starts with ({@code "distributions.d.defaultBehavior: ..."}), so a
     * finding written as "PATH: what" gets the line of what it names, or of the nearest key around it; 0 if none.
     */
    public int lineOf(String message) {
        String best = null;
        for (String p : lines.keySet()) {
            if (message.startsWith(p) && (message.length() == p.length() || ":.[".indexOf(message.charAt(p.length())) >= 0)
                    && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? 0 : lines.get(best);
    }
}
