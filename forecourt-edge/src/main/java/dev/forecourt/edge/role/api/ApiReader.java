package dev.forecourt.edge.role.api;


import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.policy.CorsRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code apis}: each API's listener, stage, routes with their integrations and parameter mappings, CORS,
 * throttling, authorizers, stage variables, access log and cache; then {@code domainNames}, which map paths to them.
 * Every problem is reported at its line.
 */
final class ApiReader {
    private static final Set<String> API = ordered("listen", "stage", "routes", "cors", "throttling", "authorizers",
            "stageVariables", "accessLog", "limits", "domains", "keepEncodedSlashes", "trustForwardedFrom", "cache");
    private static final Set<String> ROUTE = ordered("route", "authorizer", "authorizationScopes", "throttling",
            "integration", "cachePolicy");
    private static final Set<String> INTEGRATION = ordered("type", "uri", "link", "timeout", "tls", "parameterMapping",
            "responseParameters");
    private static final Set<String> TLS = ordered("serverNameToVerify", "caFile");
    private static final Set<String> CORS = ordered("allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders",
            "maxAge", "allowCredentials");
    private static final Set<String> THROTTLING = ordered("rateLimit", "burstLimit", "key");
    private static final Set<String> AUTHORIZER = ordered("type", "issuer", "audience", "jwksUri", "jwksFile",
            "identitySource");

    private final Fields f;

    ApiReader(Fields f) {
        this.f = f;
    }

    ApiSection read(MapNode root) {
        Map<String, ApiConfig> out = new LinkedHashMap<>();
        Entry e = root.entries().get("apis");
        MapNode m = e == null ? null : f.map(e.value(), "apis");
        if (m != null) {
            for (Entry a : m.entries().values()) {
                ApiConfig c = api(a.key(), a);
                if (c != null) out.put(a.key(), c);
            }
        }
        Map<String, DomainNameConfig> domains = new DomainNameReader(f, out).read(root.entries().get("domainNames"));
        for (ApiConfig api : out.values()) {
            if (api.listen() == null && domains.values().stream().noneMatch(d -> d.apiMappings().containsValue(api.name()))) {
                f.problems.add(m.entries().get(api.name()).line(), "apis." + api.name(), "'listen' is missing: the"
                        + " address clients connect to, e.g. 127.0.0.1:8080 (or map the API from a custom domain in"
                        + " domainNames, and leave listen out)");
            }
        }
        return new ApiSection(out, domains);
    }

    private ApiConfig api(String name, Entry e) {
        String path = "apis." + name;
        MapNode m = f.map(e.value(), path);
        if (m == null) return null;
        if (!name.matches("[A-Za-z0-9_-]+")) {
            f.problems.add(e.line(), path, "an API's name is letters, digits, '_' and '-' (it names the hop api/NAME)");
        }
        f.keys(m, path, API);
        Map<String, Entry> x = m.entries();
        String listen = x.containsKey("listen") ? f.address(x.get("listen"), path + ".listen") : null; // or a domain's mapping
        String stage = ApiConfig.DEFAULT_STAGE;
        if (x.containsKey("stage")) {
            String s = f.string(x.get("stage"), path + ".stage");
            if (s != null && !s.equals(ApiConfig.DEFAULT_STAGE) && !s.matches("[A-Za-z0-9_-]{1,128}")) {
                f.problems.add(x.get("stage").line(), path + ".stage", "'" + s + "' is no stage name: $default (no path"
                        + " prefix) or letters, digits, '-' and '_' (the first path segment, e.g. prod)");
            } else if (s != null) {
                stage = s;
            }
        }
        Map<String, String> stageVariables = stageVariables(x.get("stageVariables"), path + ".stageVariables");
        Map<String, AuthorizerConfig> authorizers = authorizers(x.get("authorizers"), path + ".authorizers");
        ThrottleConfig throttling = throttling(x.get("throttling"), path + ".throttling");
        CorsRules cors = cors(x.get("cors"), path + ".cors");
        List<RouteConfig> routes = new ArrayList<>();
        Entry re = x.get("routes");
        if (re != null && f.list(re.value(), path + ".routes") instanceof ListNode l) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < l.items().size(); i++) {
                RouteConfig r = route(l.items().get(i), path + ".routes[" + i + "]", authorizers, stageVariables);
                if (r != null && !seen.add(r.key().text())) {
                    f.problems.add(l.items().get(i).line(), path + ".routes[" + i + "]", "the route '" + r.key()
                            + "' is given twice; a route key is unique in an API");
                } else if (r != null) {
                    routes.add(r);
                }
            }
            if (routes.size() > 300) {
                f.problems.warn(re.line(), path + ".routes", routes.size() + " routes: API Gateway's quota is 300 per"
                        + " API; this gateway runs them all");
            }
        }
        AccessLogConfig log = ApiLogFields.accessLog(f, x.get("accessLog"), path + ".accessLog");
        List<String> domains = f.domains(x.get("domains"), path + ".domains");
        boolean keepSlashes = f.bool(x.get("keepEncodedSlashes"), path + ".keepEncodedSlashes", false);
        List<Cidr> trust = f.trustedPeers(x.get("trustForwardedFrom"), path + ".trustForwardedFrom", Cidr.LOOPBACK);
        CacheConfig cache = x.containsKey("cache") ? f.cache(x.get("cache"), path + ".cache") : null;
        return new ApiConfig(name, listen, stage, routes, cors, throttling, authorizers, stageVariables, log,
                f.limits(x.get("limits"), path + ".limits"), domains, keepSlashes, trust, cache);
    }

    private RouteConfig route(Node n, String path, Map<String, AuthorizerConfig> authorizers,
                              Map<String, String> stageVariables) {
        MapNode m = f.map(n, path);
        if (m == null) return null;
        f.keys(m, path, ROUTE);
        Map<String, Entry> x = m.entries();
        Entry ke = x.get("route");
        if (ke == null) {
            f.problems.add(m.line(), path, "'route' is missing: METHOD /path (ANY /api/{proxy+}) or $default");
            return null;
        }
        String text = f.string(ke, path + ".route");
        if (text == null) return null;
        RouteKey key;
        try {
            key = RouteKey.parse(text);
        } catch (IllegalArgumentException ex) {
            f.problems.add(ke.line(), path + ".route", ex.getMessage());
            return null;
        }
        String authorizer = null;
        if (x.containsKey("authorizer")) {
            authorizer = f.string(x.get("authorizer"), path + ".authorizer");
            if (authorizer != null && !authorizers.containsKey(authorizer)) {
                f.problems.add(x.get("authorizer").line(), path + ".authorizer", "'" + authorizer + "' is none of this"
                        + " API's authorizers (" + (authorizers.isEmpty() ? "none" : String.join(", ", authorizers.keySet()))
                        + ")");
            }
        }
        List<String> scopes = x.containsKey("authorizationScopes")
                ? f.strings(x.get("authorizationScopes"), path + ".authorizationScopes") : List.of();
        if (!scopes.isEmpty() && authorizer == null) {
            f.problems.add(x.get("authorizationScopes").line(), path + ".authorizationScopes", "scopes are checked by"
                    + " an authorizer: name one with 'authorizer'");
        }
        ThrottleConfig throttling = throttling(x.get("throttling"), path + ".throttling");
        Entry ie = x.get("integration");
        IntegrationConfig integration = null;
        if (ie == null) {
            f.problems.add(m.line(), path, "'integration' is missing: {uri: http://HOST[:PORT]/PATH} or {link: NAME}");
        } else {
            integration = integration(ie, path + ".integration", key, stageVariables);
        }
        String cachePolicy = x.containsKey("cachePolicy") ? f.string(x.get("cachePolicy"), path + ".cachePolicy") : null;
        return integration == null ? null : new RouteConfig(key, authorizer, scopes, throttling, integration, cachePolicy);
    }

    private IntegrationConfig integration(Entry e, String path, RouteKey key, Map<String, String> stageVariables) {
        MapNode m = f.map(e.value(), path);
        if (m == null) return null;
        f.keys(m, path, INTEGRATION);
        Map<String, Entry> x = m.entries();
        f.oneOf(x.get("type"), path + ".type", ordered("HTTP_PROXY"), "HTTP_PROXY");
        String uri = null;
        String link = null;
        if (x.containsKey("uri") == x.containsKey("link")) {
            f.problems.add(m.line(), path, "give one of 'uri' (http://HOST[:PORT]/PATH) and 'link' (a link of this file:"
                    + " a private integration)");
        } else if (x.containsKey("uri")) {
            uri = f.string(x.get("uri"), path + ".uri");
            if (uri != null) {
                String problem;
                try {
                    uri = withStageVariables(uri, stageVariables);
                    problem = IntegrationUri.problem(uri, key);
                } catch (IllegalArgumentException bad) {
                    problem = bad.getMessage();
                }
                if (problem != null) {
                    f.problems.add(x.get("uri").line(), path + ".uri", problem);
                    uri = null;
                }
            }
        } else {
            link = f.string(x.get("link"), path + ".link");
        }
        Duration timeout = f.duration(x.get("timeout"), path + ".timeout", IntegrationConfig.AWS_TIMEOUT);
        if (timeout.isZero()) {
            f.problems.add(x.get("timeout").line(), path + ".timeout", "must be more than 0");
        } else if (x.containsKey("timeout") && (timeout.compareTo(IntegrationConfig.AWS_MIN_TIMEOUT) < 0
                || timeout.compareTo(IntegrationConfig.AWS_TIMEOUT) > 0)) {
            f.problems.warn(x.get("timeout").line(), path + ".timeout", timeout.toMillis() + " ms is outside API"
                    + " Gateway's 50 ms to 30 s; this gateway waits that long for the answer's head");
        }
        String sni = null;
        Path ca = null;
        boolean tls = uri != null ? uri.startsWith("https://") : x.containsKey("tls");
        if (x.get("tls") instanceof Entry te && f.map(te.value(), path + ".tls") instanceof MapNode tm) {
            f.keys(tm, path + ".tls", TLS);
            if (tm.entries().containsKey("serverNameToVerify")) {
                sni = f.string(tm.entries().get("serverNameToVerify"), path + ".tls.serverNameToVerify");
            }
            if (tm.entries().containsKey("caFile")) {
                ca = f.file(tm, "caFile", path + ".tls");
            }
            if (uri != null && uri.startsWith("http://")) {
                f.problems.add(te.line(), path + ".tls", "the uri is http://: no TLS is spoken to it; write https:// or"
                        + " drop tls");
            }
        }
        MappingReader mappings = new MappingReader(f, key, stageVariables);
        List<MappingRule> request = mappings.request(x.get("parameterMapping"), path + ".parameterMapping");
        Map<String, List<MappingRule>> response = mappings.response(x.get("responseParameters"),
                path + ".responseParameters");
        return new IntegrationConfig(uri, link, timeout, tls, sni, ca, request, response);
    }

    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([^}]*)}");

    /**
     * {@code uri} with each {@code ${stageVariables.NAME}} replaced by the variable's value, as API Gateway reads
     * them in an HTTP integration's URI (its host, its path): a stage's variables are the file's, so once, here.
     */
    static String withStageVariables(String uri, Map<String, String> stageVariables) {
        Matcher m = STAGE_VARIABLE.matcher(uri);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = stageVariables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("'" + m.group() + "' names no stage variable of this API"
                        + (stageVariables.isEmpty() ? " (it has none: stageVariables)" : " (it has "
                        + String.join(", ", stageVariables.keySet()) + ")"));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        return m.appendTail(b).toString();
    }

    private Map<String, String> stageVariables(Entry e, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e != null && f.map(e.value(), path) instanceof MapNode m) {
            for (Entry v : m.entries().values()) {
                String s = f.string(v, path + "." + v.key());
                if (!v.key().matches("[A-Za-z0-9_]+")) {
                    f.problems.add(v.line(), path + "." + v.key(), "a stage variable's name is letters, digits and '_'");
                } else if (s != null) {
                    out.put(v.key(), s);
                }
            }
        }
        return out;
    }

    private ThrottleConfig throttling(Entry e, String path) {
        if (e == null || !(f.map(e.value(), path) instanceof MapNode m)) return null;
        f.keys(m, path, THROTTLING);
        Map<String, Entry> x = m.entries();
        double rate = 0;
        if (!x.containsKey("rateLimit")) {
            f.problems.add(m.line(), path, "'rateLimit' is missing: requests per second on average, e.g. 100");
        } else {
            String v = f.string(x.get("rateLimit"), path + ".rateLimit");
            try {
                rate = v == null ? 0 : Double.parseDouble(v);
                if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) throw new NumberFormatException();
            } catch (NumberFormatException ex) {
                f.problems.add(x.get("rateLimit").line(), path + ".rateLimit", "'" + v + "' is not a rate: requests per"
                        + " second, 0 or more (e.g. 100, or 0.5)");
            }
        }
        if (!x.containsKey("burstLimit")) {
            f.problems.add(m.line(), path, "'burstLimit' is missing: requests at once (the bucket's size), e.g. 50");
        }
        int burst = f.integer(x.get("burstLimit"), path + ".burstLimit", 0, 0, 1_000_000);
        MappingValue key = null;
        if (x.containsKey("key")) {
            String k = f.string(x.get("key"), path + ".key");
            try {
                key = k == null ? null : MappingValue.parse(k);
                if (key != null && (key.refs().size() != 1 || !key.toString().startsWith("$")
                        || key.reads(MappingValue.Source.RESPONSE_HEADER))) {
                    throw new IllegalArgumentException("'" + k + "' is not one reference: write $context.identity.sourceIp,"
                            + " $request.header.NAME or $context.authorizer.claims.NAME");
                }
            } catch (IllegalArgumentException ex) {
                f.problems.add(x.get("key").line(), path + ".key", ex.getMessage());
                key = null;
            }
        }
        return new ThrottleConfig(rate, burst, key);
    }

    private CorsRules cors(Entry e, String path) {
        if (e == null || !(f.map(e.value(), path) instanceof MapNode m)) return null;
        f.keys(m, path, CORS);
        Map<String, Entry> x = m.entries();
        List<String> origins = x.containsKey("allowOrigins") ? f.strings(x.get("allowOrigins"), path + ".allowOrigins") : List.of();
        List<String> methods = x.containsKey("allowMethods") ? f.strings(x.get("allowMethods"), path + ".allowMethods") : List.of();
        List<String> headers = x.containsKey("allowHeaders") ? f.strings(x.get("allowHeaders"), path + ".allowHeaders") : List.of();
        List<String> expose = x.containsKey("exposeHeaders") ? f.strings(x.get("exposeHeaders"), path + ".exposeHeaders") : List.of();
        boolean credentials = f.bool(x.get("allowCredentials"), path + ".allowCredentials", false);
        Duration maxAge = null;
        if (x.get("maxAge") instanceof Entry me) {
            maxAge = f.seconds(me, path + ".maxAge");
            if (maxAge != null && maxAge.toSeconds() > 86400) {
                f.problems.add(me.line(), path + ".maxAge", "at most 86400 seconds (API Gateway's bound)");
            }
        }
        if (credentials && origins.contains(CorsRules.ANY)) {
            f.problems.add(x.get("allowCredentials").line(), path + ".allowCredentials", "API Gateway refuses"
                    + " allowCredentials with allowOrigins '*': browsers take no credentialed answer for any origin;"
                    + " list the origins");
        }
        for (String o : origins) {
            if (!o.equals(CorsRules.ANY) && !o.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s]+")) {
                f.problems.add(x.get("allowOrigins").line(), path + ".allowOrigins", "'" + o + "' is no origin: a"
                        + " scheme and a host, without a path (https://app.example.org), or *");
            }
        }
        return new CorsRules(origins, methods, headers, expose, credentials, maxAge, true);
    }

    private Map<String, AuthorizerConfig> authorizers(Entry e, String path) {
        Map<String, AuthorizerConfig> out = new LinkedHashMap<>();
        if (e == null || !(f.map(e.value(), path) instanceof MapNode m)) return out;
        for (Entry a : m.entries().values()) {
            String at = path + "." + a.key();
            if (!(f.map(a.value(), at) instanceof MapNode am)) continue;
            f.keys(am, at, AUTHORIZER);
            Map<String, Entry> x = am.entries();
            String type = f.oneOf(x.get("type"), at + ".type", ordered("jwt"), null);
            if (!x.containsKey("type")) {
                f.problems.add(am.line(), at, "'type' is missing: jwt (this version runs JWT authorizers)");
            }
            String issuer = x.containsKey("issuer") ? f.string(x.get("issuer"), at + ".issuer") : null;
            if (!x.containsKey("issuer")) {
                f.problems.add(am.line(), at, "'issuer' is missing: the tokens' iss, e.g. https://idp.example.org/");
            } else if (issuer != null && !issuer.matches("https?://\\S+")) {
                f.problems.add(x.get("issuer").line(), at + ".issuer", "'" + issuer + "' is no issuer URL (https://...)");
            }
            List<String> audience = x.containsKey("audience") ? f.strings(x.get("audience"), at + ".audience") : List.of();
            if (audience.isEmpty()) {
                f.problems.add(x.containsKey("audience") ? x.get("audience").line() : am.line(), at + ".audience",
                        "at least one audience: a token's aud (or client_id) must be one of them");
            } else if (audience.stream().anyMatch(String::isBlank)) {
                f.problems.add(x.get("audience").line(), at + ".audience", "an empty audience matches no token. Fix:"
                        + " the aud (or client_id) your tokens carry, e.g. [my-api]");
            }
            String jwksUri = x.containsKey("jwksUri") ? f.string(x.get("jwksUri"), at + ".jwksUri") : null;
            if (jwksUri != null && !(jwksUri.matches("https?://\\S+") && hasHost(jwksUri))) {
                f.problems.add(x.get("jwksUri").line(), at + ".jwksUri", "'" + jwksUri + "' is no URL (https://...)");
            }
            Path jwksFile = x.containsKey("jwksFile") ? f.file(am, "jwksFile", at) : null;
            if (x.containsKey("jwksUri") && x.containsKey("jwksFile")) {
                f.problems.add(am.line(), at, "give one of jwksUri and jwksFile, not both");
            } else if (!x.containsKey("jwksUri") && !x.containsKey("jwksFile")) {
                f.problems.add(am.line(), at, "where are the issuer's keys? give jwksUri (its JWKS URL, e.g. "
                        + "https://idp.example.org/.well-known/jwks.json) or jwksFile (this version does not read the"
                        + " issuer's discovery document)");
            }
            MappingValue source = MappingValue.parse("$request.header.Authorization");
            if (x.containsKey("identitySource")) {
                String s = f.string(x.get("identitySource"), at + ".identitySource");
                try {
                    MappingValue v = s == null ? source : MappingValue.parse(s);
                    if (v.refs().size() != 1 || !v.reads(MappingValue.Source.REQUEST_HEADER)) {
                        throw new IllegalArgumentException("'" + s + "' is not where a JWT authorizer takes a token:"
                                + " $request.header.NAME (API Gateway's JWT authorizers read a header; default"
                                + " $request.header.Authorization)");
                    }
                    source = v;
                } catch (IllegalArgumentException ex) {
                    f.problems.add(x.get("identitySource").line(), at + ".identitySource", ex.getMessage());
                }
            }
            out.put(a.key(), new AuthorizerConfig(a.key(), type, issuer, audience, jwksUri, jwksFile, source));
        }
        return out;
    }

    private static boolean hasHost(String uri) {
        try {
            return java.net.URI.create(uri).getHost() != null;
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }
}
