package dev.forecourt.edge.config;

import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.Node;
import java.time.Duration;
import java.util.List;

/**
 * A timeout of {@code 0s} is refused. The engine reads 0 as "timer off": a connection that stalls would hold its
 * socket and buffers for ever (a {@code keepAliveTimeout} of 0 keeps idle origin connections for ever, not none; a
 * health check {@code timeout} of 0 lets one hung check stop all later ones). Nobody means that by writing 0, and who
 * means "very long" can write it ({@code 1h}).
 */
public final class ZeroTimeouts {
    private ZeroTimeouts() {}

    private static final List<String> LIMITS = List.of("headerTimeout", "idleTimeout", "requestTimeout");
    private static final List<String> UPSTREAM = List.of("connectTimeout", "readTimeout");

    public static void check(Yaml.MapNode root, Problems p) {
        for (Entry s : YamlPath.entries(root, "services")) {
            for (String k : UPSTREAM) zero(s.value(), p, "services." + s.key(), k);
            zero(s.value(), p, "services." + s.key(), "healthCheck", "timeout");
        }
        for (String k : LIMITS) zero(root, p, "", "ingress", "limits", k);
        for (Entry d : YamlPath.entries(root, "distributions")) {
            for (String k : LIMITS) zero(d.value(), p, "distributions." + d.key(), "limits", k);
            for (Entry o : YamlPath.entries(d.value(), "origins")) {
                String at = "distributions." + d.key() + ".origins." + o.key();
                for (String k : UPSTREAM) zero(o.value(), p, at, k);
                zero(o.value(), p, at, "keepAliveTimeout");
            }
        }
        for (Entry l : YamlPath.entries(root, "links")) {
            for (String k : List.of("connectTimeout", "idleTimeout")) zero(l.value(), p, "links." + l.key(), k);
            zero(l.value(), p, "links." + l.key(), "healthCheck", "timeout");
        }
        for (String role : List.of("apis", "domainNames")) {
            for (Entry a : YamlPath.entries(root, role)) {
                for (String k : LIMITS) zero(a.value(), p, role + "." + a.key(), "limits", k);
            }
        }
    }

    private static void zero(Node from, Problems p, String at, String... keys) {
        String text = YamlPath.text(from, keys);
        Duration d = text == null ? null : Values.duration(text);
        if (d == null || !d.isZero()) return;
        String path = (at.isEmpty() ? "" : at + ".") + String.join(".", keys);
        String key = keys[keys.length - 1];
        p.add(YamlPath.of(from, (Object[]) keys), path, "'" + text + "' would turn the timer off (no limit), not "
                + (key.equals("keepAliveTimeout") ? "'no reuse': idle connections would be kept for ever"
                        : "'at once': a peer that stalls would hold its connection for ever")
                + "; timeouts must be more than 0. Fix: the longest wait you accept, e.g. "
                + (key.equals("keepAliveTimeout") ? "4s" : key.equals("timeout") ? "2s" : "1h"));
    }
}
