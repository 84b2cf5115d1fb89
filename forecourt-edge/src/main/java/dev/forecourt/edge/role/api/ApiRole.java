package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.cache.CacheStage;
import dev.forecourt.edge.cache.ErrorCaching;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.http.ClientTls;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.Transport;
import dev.forecourt.http.UpstreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP APIs (API Gateway): a listener per API, its routes, each to an HTTP integration (a URL, or a link of this
 * file: a private integration) through parameter mappings, some kept in a cache; and custom domain names, whose
 * listeners hand each request to the API its path is mapped to. The authorizer and throttling rooms come from an
 * {@link ApiGate}.
 */
public final class ApiRole implements Role<ApiSection> {
    /** The role with {@link ApiGate#NONE}: no authorizer, no throttling plugged in yet. */
    public static final ApiRole ROLE = new ApiRole(ApiGate.NONE);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiRole.class);
    /** Integration hosts are looked up again this long after the last look-up. */
    static final Duration LOOKUP_EVERY = Duration.ofSeconds(30);

    private final ApiGate gate;

    private ApiRole(ApiGate gate) {
        this.gate = gate;
    }

    /** This role with {@code gate}'s authorizers and throttling (the line in {@code Roles.ALL} names it). */
    public static ApiRole with(ApiGate gate) {
        return new ApiRole(gate);
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public Set<String> sections() {
        return Fields.ordered("apis", "domainNames");
    }

    @Override
    public ApiSection read(Yaml.MapNode root, Fields fields) {
        return new ApiReader(fields).read(root);
    }

    @Override
    public ApiSection empty() {
        return ApiSection.NONE;
    }

    @Override
    public void check(ApiSection config, Config whole, Yaml.MapNode root, Problems problems) {
        ApiChecks.check(config, whole, root, problems);
        RouteCacheChecks.check(config, whole, root, problems);
        DomainChecks.check(config, root, problems);
    }

    @Override
    public List<Attribute<?>> logFields() {
        return ApiLogFields.ALL;
    }

    @Override
    public List<Listening> listeners(ApiSection config) {
        List<Listening> out = new ArrayList<>();
        for (ApiConfig a : config.apis().values()) {
            if (a.listen() != null) {
                out.add(new Listening("apis." + a.name() + ".listen", "API '" + a.name() + "'", a.listen(), 80, false,
                        false));
            }
        }
        for (List<DomainNameConfig> shared : DomainListeners.byListener(config).values()) {
            DomainNameConfig d = shared.getFirst();
            out.add(new Listening("domainNames." + d.name() + ".listen", "custom domain '" + d.name() + "'", d.listen(),
                    DomainListeners.defaultPort(d), d.tls() != null, false));
        }
        return out;
    }

    @Override
    public Map<String, AccessLogConfig> accessLogs(ApiSection config) {
        Map<String, AccessLogConfig> out = new LinkedHashMap<>();
        config.apis().values().forEach(a -> out.put("apis." + a.name() + ".accessLog", a.accessLog()));
        config.domainNames().values().forEach(d -> out.put("domainNames." + d.name() + ".accessLog", d.accessLog()));
        return out;
    }

    @Override
    public void assemble(ApiSection config, Assembly assembly) throws Exception {
        Map<String, BuiltApi> built = new LinkedHashMap<>();
        for (ApiConfig api : config.apis().values()) {
            BuiltApi b = api(api, assembly);
            built.put(api.name(), b);
            if (api.listen() != null) {
                String key = "api-" + api.name();
                assembly.listen(key, new ListenerSpec(key, assembly.resolver().resolve(api.listen(), 80), null,
                        api.limits()), b.hop(Api.listener(api, b.routes()), assembly), false);
            }
        }
        for (List<DomainNameConfig> shared : DomainListeners.byListener(config).values()) {
            DomainListeners.assemble(shared, built, assembly);
        }
    }

    private BuiltApi api(ApiConfig api, Assembly assembly) throws Exception {
        List<RouteTable.Entry<Service>> routes = new ArrayList<>();
        boolean unthrottled = false;
        // an API's listeners run on the main loops: they send files only where those aren't io_uring
        HttpCache cache = api.caches() ? DistributionRole.keptCache(Assembly.API_CACHE_PREFIX + api.name(),
                api.cache() == null ? CacheConfig.DEFAULT : api.cache(), assembly,
                Transport.sendsFilesWhole(assembly.loops())) : null;
        if (cache != null) {
            assembly.cache(Assembly.API_CACHE_PREFIX + api.name(), cache); // the admin's POST /apis/NAME/invalidations
        }
        Map<String, CachePolicy> policies = DistributionRole.ROLE.of(assembly.config()).cachePolicies();
        for (RouteConfig r : api.routes()) {
            String at = "apis." + api.name() + " route '" + r.key() + "'";
            Stage authorizer = null;
            if (r.authorizer() != null) {
                authorizer = gate.authorizer(api, r, api.authorizers().get(r.authorizer()), assembly);
                if (authorizer == null) {
                    throw new CannotStart(at, new IllegalStateException("its authorizer '" + r.authorizer() + "' is"
                            + " not run by this build (no JWT verification plugged in): the route would run open"));
                }
            }
            Stage throttle = null;
            if (r.throttling() != null || api.throttling() != null) {
                throttle = gate.throttle(api, r, assembly);
                unthrottled |= throttle == null;
            }
            Stage cached = null;
            if (r.cachePolicy() != null) {
                CachePolicy policy = policies.get(r.cachePolicy());
                if (policy == null) { // check refuses this; a configuration built in code may not
                    throw new CannotStart(at, new IllegalArgumentException("no cache policy named '" + r.cachePolicy()
                            + "'"));
                }
                cached = new CacheStage(cache, policy, false, ErrorCaching.CLOUD);
            }
            IntegrationUri uri = r.integration().uri() == null ? null : IntegrationUri.parse(r.integration().uri());
            Service integration = new ApiIntegration(endpoint(api, r.integration(), uri, assembly));
            routes.add(new RouteTable.Entry<>(r.key(), Api.route(r, authorizer, throttle, cached, uri, integration)));
        }
        if (unthrottled) {
            LOG.warn("apis.{}: throttling is read but not enforced by this build (no throttling plugged in)", api.name());
        }
        return new BuiltApi(api, new ApiRoutes(routes, api.keepEncodedSlashes(), api.stage()),
                assembly.own(AccessLog.open(api.accessLog())));
    }

    /** The integration's endpoint: the uri's host (looked up again now and then), or the link's listener. */
    private static Endpoint endpoint(ApiConfig api, IntegrationConfig ic, IntegrationUri uri, Assembly assembly)
            throws Exception {
        Duration t = ic.timeout();
        UpstreamSettings settings = new UpstreamSettings(t.compareTo(Duration.ofSeconds(10)) < 0 ? t : Duration.ofSeconds(10),
                t, UpstreamSettings.DEFAULT.keepAliveTimeout(), UpstreamSettings.DEFAULT.maxIdlePerLoop(), null);
        if (ic.tls()) {
            String sni = ic.serverNameToVerify() != null ? ic.serverNameToVerify() : uri != null ? uri.host() : null;
            settings = settings.withTls(ClientTls.of(sni, ic.caFile(), true));
        }
        if (uri != null) {
            UpstreamSettings s = settings;
            return assembly.own(Endpoint.resolving(uri.authority(),
                    () -> assembly.resolver().resolve(uri.host(), uri.port()), LOOKUP_EVERY, s));
        }
        LinkConfig link = LinkRole.ROLE.of(assembly.config()).links().get(ic.link());
        if (link == null || link.listen() == null) { // check refuses this; a configuration built in code may not
            throw new CannotStart("apis." + api.name(), new IllegalArgumentException("the link '" + ic.link()
                    + "' is no link of this file"));
        }
        return assembly.own(new Endpoint(link.listen(), assembly.resolver().resolve(link.listen(), 80), settings));
    }
}
