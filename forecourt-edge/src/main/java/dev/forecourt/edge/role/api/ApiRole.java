package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.http.ClientTls;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.UpstreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP APIs (API Gateway): a listener per API, its routes, each to an HTTP integration (a URL, or a link of this
 * file: a private integration) through parameter mappings. The authorizer and throttling rooms come from an
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
        return Set.of("apis");
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
        return out;
    }

    @Override
    public Map<String, AccessLogConfig> accessLogs(ApiSection config) {
        Map<String, AccessLogConfig> out = new LinkedHashMap<>();
        config.apis().values().forEach(a -> out.put("apis." + a.name() + ".accessLog", a.accessLog()));
        return out;
    }

    @Override
    public void assemble(ApiSection config, Assembly assembly) throws Exception {
        for (ApiConfig api : config.apis().values()) {
            api(api, assembly);
        }
    }

    private void api(ApiConfig api, Assembly assembly) throws Exception {
        List<RouteTable.Entry<Service>> routes = new ArrayList<>();
        boolean unthrottled = false;
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
            IntegrationUri uri = r.integration().uri() == null ? null : IntegrationUri.parse(r.integration().uri());
            Service integration = new ApiIntegration(endpoint(api, r.integration(), uri, assembly));
            routes.add(new RouteTable.Entry<>(r.key(), Api.route(r, authorizer, throttle, uri, integration)));
        }
        if (unthrottled) {
            LOG.warn("apis.{}: throttling is read but not enforced by this build (no throttling plugged in)", api.name());
        }
        Service corridor = Api.listener(api, new ApiRoutes(routes, api.keepEncodedSlashes(), api.stage()));
        AccessLog log = assembly.own(AccessLog.open(api.accessLog()));
        String key = "api-" + api.name();
        assembly.listen(key, new ListenerSpec(key, assembly.resolver().resolve(api.listen(), 80), null, api.limits()),
                assembly.hop("api", api.name(), corridor, log, null, api.trustForwardedFrom()), false);
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
