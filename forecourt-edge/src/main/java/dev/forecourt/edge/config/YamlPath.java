package dev.forecourt.edge.config;

import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;

/**
 * Where a key is in the file, for rules that judge the records after reading (the records carry no lines): a path
 * of keys (String) and list indexes (Integer) from the root; the line of the deepest part that exists.
 */
public final class YamlPath {
    private YamlPath() {}

    public static int of(Node root, Object... path) {
        Node n = root;
        int line = root.line();
        for (Object k : path) {
            if (k instanceof String key && n instanceof MapNode m && m.entries().get(key) instanceof Entry e) {
                line = e.line();
                n = e.value();
            } else if (k instanceof Integer i && n instanceof ListNode l && i < l.items().size()) {
                n = l.items().get(i);
                line = n.line();
            } else {
                break;
            }
        }
        return line;
    }

    /** The node at a path of keys, or null. */
    public static Node node(Node root, String... keys) {
        Node n = root;
        for (String k : keys) {
            if (!(n instanceof MapNode m) || !(m.entries().get(k) instanceof Entry e)) {
                return null;
            }
            n = e.value();
        }
        return n;
    }

    /** The entries of the map at a path of keys; empty if there is none. */
    public static java.util.Collection<Entry> entries(Node root, String... keys) {
        return node(root, keys) instanceof MapNode m ? m.entries().values() : java.util.List.of();
    }

    /** The text of the scalar at a path of keys, or null. */
    public static String text(Node root, String... keys) {
        return node(root, keys) instanceof Yaml.Scalar s ? s.text() : null;
    }
}
