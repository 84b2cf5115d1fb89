package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.http.HostPort;
import java.util.Map;
import java.util.List;

/**
 * A {@code resolve:} entry with a port sends every connection to that name to that port, whatever port the origin
 * names ({@code httpPort}, {@code httpsPort}): the entry wins, silently. Warned where the origin writes a port of its
 * own that differs, saying which one connections use (an origin that names no port takes the entry's, as meant).
 */
final class ResolvePorts {
    private ResolvePorts() {}

    static void check(Yaml.MapNode root, DistributionsSection c, Map<String, String> resolve, Problems p) {
        for (DistributionConfig d : c.distributions().values()) {
            for (OriginConfig o : d.origins().values()) {
                String mapped = o.domain() == null ? null : resolve.get(o.domain());
                Integer port = mapped == null ? null : HostPort.parse(mapped, null, HostPort.Use.LISTEN).port();
                if (port == null) continue;
                List<String> keys = switch (o.protocolPolicy()) {
                    case "https-only" -> List.of("httpsPort");
                    case "match-viewer" -> List.of("httpPort", "httpsPort");
                    default -> List.of("httpPort");
                };
                for (String key : keys) {
                    Object[] at = {"distributions", d.name(), "origins", o.name(), key};
                    if (YamlPath.node(root, "distributions", d.name(), "origins", o.name(), key) == null) continue;
                    int own = key.equals("httpPort") ? o.httpPort() : o.httpsPort();
                    if (own == port) continue;
                    p.warn(YamlPath.of(root, at), "distributions." + d.name() + ".origins." + o.name() + "." + key,
                            own + " is not used: resolve: maps '" + o.domain() + "' to " + mapped + " (line "
                                    + YamlPath.of(root, "resolve", o.domain()) + "), and a resolve entry's port wins over"
                                    + " the origin's, so connections go to port " + port + " (the Host header still"
                                    + " says '" + o.domain() + (own == (key.equals("httpPort") ? 80 : 443) ? "" : ":" + own)
                                    + "'). Fix: drop the port from the resolve entry to use " + own + ", or set " + key
                                    + ": " + port);
                }
            }
        }
    }
}
