package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.NearMiss;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.Selection;
import dev.forecourt.edge.role.distribution.DistributionRole;
import java.util.Map;

/**
 * What {@code check} says of cached routes: a {@code cachePolicy} that is none of the file's or the managed ones (an
 * error); a policy that leaves query strings out of the key, while an integration gets the whole query (a warning:
 * two requests that differ only there get one answer); a {@code cache} block no route uses (a warning).
 */
final class RouteCacheChecks {
    private RouteCacheChecks() {}

    static void check(ApiSection section, Config whole, Yaml.MapNode root, Problems p) {
        Map<String, CachePolicy> policies = DistributionRole.ROLE.of(whole).cachePolicies();
        for (ApiConfig api : section.apis().values()) {
            if (api.cache() != null && !api.caches()) {
                p.warn(YamlPath.of(root, "apis", api.name(), "cache"), "apis." + api.name() + ".cache", "no route of"
                        + " this API names a cachePolicy, so nothing is kept. Fix: cachePolicy: NAME on the routes to"
                        + " cache");
            }
            for (int i = 0; i < api.routes().size(); i++) {
                String name = api.routes().get(i).cachePolicy();
                if (name == null) continue;
                int line = YamlPath.of(root, "apis", api.name(), "routes", i, "cachePolicy");
                String at = "apis." + api.name() + ".routes[" + i + "].cachePolicy";
                CachePolicy policy = policies.get(name);
                if (policy == null) {
                    p.add(line, at, "no cache policy named '" + name + "'" + NearMiss.hint(name, policies.keySet())
                            + "; known: " + String.join(", ", policies.keySet()));
                } else if (!policy.disabled() && policy.queryStrings().kind() != Selection.Kind.ALL) {
                    p.warn(line, at, "the cache policy " + name + " keys " + (policy.queryStrings().kind()
                            == Selection.Kind.NONE ? "no query string" : "only some query strings") + ", while the"
                            + " integration gets the whole query: requests that differ only in the others get one"
                            + " answer. Fix: a policy with queryStrings: all (UseOriginCacheControlHeaders-QueryStrings,"
                            + " or one of cachePolicies)");
                }
            }
        }
    }
}
