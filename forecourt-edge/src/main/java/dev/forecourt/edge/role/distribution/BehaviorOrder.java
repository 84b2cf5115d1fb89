package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.route.PathPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Behaviors are matched in the order listed and the first match wins. So a second behavior with the same
 * {@code pathPattern} is never used (an error: the cloud refuses duplicates too), and one whose every path an earlier
 * pattern already matches ({@code /img/*} after {@code /*} or {@code *}) is never used either (a warning naming both:
 * the file runs, but not as written).
 */
final class BehaviorOrder {
    private BehaviorOrder() {}

    private record Listed(PathPattern pattern, int line) {}

    static void check(MapNode root, Problems p) {
        for (Entry d : YamlPath.entries(root, "distributions")) {
            if (!(YamlPath.node(d.value(), "behaviors") instanceof ListNode behaviors)) continue;
            String where = "distributions." + d.key() + ".behaviors";
            List<Listed> earlier = new ArrayList<>();
            for (Node n : behaviors.items()) {
                if (!(n instanceof MapNode m) || !(m.entries().get("pathPattern") instanceof Entry pe)
                        || !(pe.value() instanceof Yaml.Scalar s) || s.text() == null) {
                    continue; // reading already said what is missing
                }
                Listed now = new Listed(new PathPattern(s.text()), pe.line());
                String at = where + "[" + now.pattern().text() + "]";
                for (Listed e : earlier) {
                    if (e.pattern().text().equals(now.pattern().text())) {
                        p.add(now.line(), at, "pathPattern '" + now.pattern().text() + "' is already the behavior's on line "
                                + e.line() + "; behaviors match in order, so this one would never be used. Fix: remove"
                                + " one, or merge their settings");
                        break;
                    }
                    if (e.pattern().covers(now.pattern())) {
                        p.warn(now.line(), at, "never used: every path it matches is taken first by behaviors["
                                + e.pattern().text() + "] (line " + e.line() + "), since behaviors match in order. Fix:"
                                + " list '" + now.pattern().text() + "' above '" + e.pattern().text() + "'");
                        break;
                    }
                }
                earlier.add(now);
            }
        }
    }
}
