package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;

/**
 * CORS with {@code allowOrigins: ["*"]} (also the default) and {@code allowCredentials: true} is refused. Browsers
 * never accept {@code *} with credentials, so the policy answers each origin with its own name: any web site could
 * then read what a signed-in viewer's cookies fetch. The cloud's API refuses the pair too.
 */
final class CorsCredentials {
    private CorsCredentials() {}

    static void check(Yaml.MapNode root, Problems p) {
        for (Entry policy : YamlPath.entries(root, "responseHeadersPolicies")) {
            Node cors = YamlPath.node(policy.value(), "cors");
            if (cors == null || !"true".equals(YamlPath.text(cors, "allowCredentials"))) continue;
            Node origins = YamlPath.node(cors, "allowOrigins");
            boolean any = origins == null || (origins instanceof Scalar s && "*".equals(s.text()))
                    || (origins instanceof ListNode l && l.items().stream()
                            .anyMatch(n -> n instanceof Scalar s && "*".equals(s.text())));
            if (!any) continue;
            p.add(YamlPath.of(cors, "allowCredentials"), "responseHeadersPolicies." + policy.key() + ".cors",
                    "allowCredentials: true with allowOrigins " + (origins == null ? "'*' (the default)" : "'*'")
                            + " would answer any origin with its own name and credentials, so any web site could read"
                            + " what a signed-in viewer's cookies fetch (the cloud refuses this pair too). Fix: list the"
                            + " origins that may send credentials, e.g. allowOrigins: [\"https://app.example.org\"], or"
                            + " allowCredentials: false");
        }
    }
}
