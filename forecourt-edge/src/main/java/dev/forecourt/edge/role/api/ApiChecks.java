package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import java.util.Map;

/**
 * What {@code check} says of an API's routes against the rest of the file: a link that is none of the file's (an
 * error). What goes wrong between the route and where its link leads (TLS, SNI, Host, the path's prefix) is the
 * hop walk's, which follows every hop alike ({@code forecourt check}).
 */
final class ApiChecks {
    private ApiChecks() {}

    static void check(ApiSection apis, Config whole, Yaml.MapNode root, Problems p) {
        Map<String, LinkConfig> links = LinkRole.ROLE.of(whole).links();
        for (ApiConfig api : apis.apis().values()) {
            for (int i = 0; i < api.routes().size(); i++) {
                IntegrationConfig ic = api.routes().get(i).integration();
                if (ic.link() != null && !links.containsKey(ic.link())) {
                    p.add(YamlPath.of(root, "apis", api.name(), "routes", i, "integration", "link"), "apis." + api.name()
                            + ".routes[" + i + "].integration.link", "'" + ic.link() + "' is none of this file's links ("
                            + (links.isEmpty() ? "none" : String.join(", ", links.keySet())) + ")");
                }
            }
        }
    }
}
