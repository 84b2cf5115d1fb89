package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code check} says of custom domains' API mappings that overlap (warnings): a longer mapping takes the paths
 * under it from the API a shorter one maps, so that API's routes aimed there are never reached through the domain
 * ({@code v1} to an API with {@code GET /orders/{id}}, and {@code v1/orders} to another: {@code /v1/orders/7} goes to
 * the other). A catch-all route ({@code /{proxy+}}, {@code $default}) is not named: sharing its paths is what such a
 * layout means.
 */
final class DomainChecks {
    private DomainChecks() {}

    static void check(ApiSection section, Yaml.MapNode root, Problems p) {
        for (DomainNameConfig d : section.domainNames().values()) {
            for (Map.Entry<String, String> shorter : d.apiMappings().entrySet()) {
                ApiConfig api = section.apis().get(shorter.getValue());
                if (api == null) continue;
                for (Map.Entry<String, String> longer : d.apiMappings().entrySet()) {
                    String rest = under(shorter.getKey(), longer.getKey());
                    if (rest == null) continue;
                    List<String> shadowed = shadowed(api, rest.split("/"));
                    if (shadowed.isEmpty()) continue;
                    String k1 = shorter.getKey().isEmpty() ? "\"\"" : shorter.getKey();
                    p.warn(YamlPath.of(root, "domainNames", d.name(), "apiMappings", longer.getKey()), "domainNames."
                            + d.name() + ".apiMappings." + longer.getKey(), "this mapping takes every path under /"
                            + longer.getKey() + " to the API '" + longer.getValue() + "', so the API '" + api.name()
                            + "' (mapped at " + k1 + ") never sees /" + rest + "... through " + d.name() + ": its route"
                            + (shadowed.size() == 1 ? " " : "s ") + String.join(", ", shadowed) + " there"
                            + (shadowed.size() == 1 ? " is" : " are") + " never reached. Fix: move the routes, or one of"
                            + " the mappings");
                }
            }
        }
    }

    /** The part of {@code longer} after {@code shorter}, when it is a mapping under it; else null. */
    private static String under(String shorter, String longer) {
        if (shorter.isEmpty()) return longer.isEmpty() ? null : longer;
        return longer.startsWith(shorter + "/") ? longer.substring(shorter.length() + 1) : null;
    }

    /** The API's routes whose first segment is literal and that match some path starting with {@code rest}. */
    private static List<String> shadowed(ApiConfig api, String[] rest) {
        List<String> out = new ArrayList<>();
        for (RouteConfig r : api.routes()) {
            List<RouteKey.Segment> s = r.key().segments();
            if (r.key().isDefault() || s.isEmpty() || !(s.getFirst() instanceof RouteKey.Literal)) continue;
            boolean reaches = true;
            for (int i = 0; i < rest.length && reaches; i++) {
                if (i >= s.size()) {
                    reaches = false;
                } else if (s.get(i) instanceof RouteKey.Greedy) {
                    break;
                } else if (s.get(i) instanceof RouteKey.Literal l) {
                    reaches = l.text().equals(rest[i]);
                }
            }
            if (reaches) out.add(r.key().text());
        }
        return out;
    }
}
