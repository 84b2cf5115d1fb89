package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.HeaderRules;
import dev.forecourt.edge.config.Values;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.NearMiss;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.role.distribution.CustomErrorResponse;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import dev.forecourt.edge.route.PathPattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code distributions}: listeners, aliases, origins, behaviors (naming policies and functions), cache. */
final class DistributionReader {
    private static final Set<String> DISTRIBUTION = ordered("listen", "aliases", "tls", "origins", "defaultBehavior",
            "behaviors", "cache", "accessLog", "limits", "trustForwardedFrom", "customErrorResponses");
    private static final Set<String> ORIGIN = ordered("domain", "httpPort", "httpsPort", "protocolPolicy",
            "sslProtocols", "caFile", "connectTimeout", "readTimeout", "keepAliveTimeout", "customHeaders", "originPath");
    private static final Set<String> BEHAVIOR = ordered("pathPattern", "origin", "allowedMethods", "cachedMethods",
            "viewerProtocolPolicy", "cachePolicy", "originRequestPolicy", "responseHeadersPolicy", "functions");
    private static final Set<String> ERROR_RESPONSE = ordered("errorCode", "errorCachingMinTTL", "responseCode",
            "responsePagePath");
    private static final Set<String> METHODS = ordered("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
    /** The cloud's three allowed-method sets. */
    private static final List<List<String>> METHOD_SETS = List.of(List.of("GET", "HEAD"),
            List.of("GET", "HEAD", "OPTIONS"), List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"));
    /** The cloud's two cached-method sets: what is stored is never more than a GET's, a HEAD's, an OPTIONS's. */
    private static final List<List<String>> CACHED_SETS = METHOD_SETS.subList(0, 2);

    private final Fields r;
    private final PolicyReader policies;

    DistributionReader(Fields r, PolicyReader policies) {
        this.r = r;
        this.policies = policies;
    }

    Map<String, DistributionConfig> read(Entry e) {
        return r.named(e, "distributions", this::distribution);
    }

    private DistributionConfig distribution(String name, Entry e) {
        String path = "distributions." + name;
        MapNode m = r.map(e.value(), path);
        if (m == null) return null;
        r.keys(m, path, DISTRIBUTION);
        Map<String, Entry> x = m.entries();
        String listen = r.listen(m, path, "the address viewers connect to, e.g. 127.0.0.1:8443");
        List<String> aliases = r.domains(x.get("aliases"), path + ".aliases");
        Map<String, OriginConfig> origins = new LinkedHashMap<>();
        Entry oe = x.get("origins");
        if (oe == null) {
            r.problems.add(m.line(), path, "'origins' is missing: {NAME: {domain: origin.example.org}}");
        } else {
            MapNode om = r.map(oe.value(), path + ".origins");
            if (om != null) {
                for (Entry o : om.entries().values()) {
                    OriginConfig oc = origin(o.key(), o, path + ".origins." + o.key());
                    if (oc != null) origins.put(o.key(), oc);
                }
            }
        }
        BehaviorConfig dflt = null;
        if (x.get("defaultBehavior") == null) {
            r.problems.add(m.line(), path, "'defaultBehavior' is missing: {origin: NAME, cachePolicy: CachingOptimized}");
        } else {
            dflt = behavior(x.get("defaultBehavior").value(), path + ".defaultBehavior", origins, false);
        }
        List<BehaviorConfig> behaviors = new ArrayList<>();
        if (x.containsKey("behaviors")) {
            ListNode l = r.list(x.get("behaviors").value(), path + ".behaviors");
            if (l != null) {
                for (Node n : l.items()) {
                    BehaviorConfig b = behavior(n, path + ".behaviors", origins, true);
                    if (b != null) behaviors.add(b);
                }
            }
        }
        String tlsListen = null;
        if (x.get("tls") != null && x.get("tls").value() instanceof MapNode tm && tm.entries().containsKey("listen")) {
            tlsListen = r.address(tm.entries().get("listen"), path + ".tls.listen");
            if (tlsListen != null && tlsListen.equals(listen)) {
                r.problems.add(tm.entries().get("listen").line(), path + ".tls.listen", "'" + tlsListen
                        + "' is also this distribution's listen: give the TLS listener an address of its own, or leave"
                        + " tls.listen out to make listen itself speak TLS");
            }
        }
        return new DistributionConfig(name, listen, aliases, r.tls(x.get("tls"), path + ".tls", Set.of("listen")), origins, behaviors,
                dflt, r.cache(x.get("cache"), path + ".cache"), r.accessLog(x.get("accessLog"), path + ".accessLog"),
                r.limits(x.get("limits"), path + ".limits"),
                r.trustedPeers(x.get("trustForwardedFrom"), path + ".trustForwardedFrom", DistributionConfig.DEFAULT_TRUST),
                errorResponses(x.get("customErrorResponses"), path + ".customErrorResponses"), tlsListen);
    }

    /**
     * {@code customErrorResponses}: a list of {@code {errorCode, errorCachingMinTTL, responseCode, responsePagePath}},
     * one per status; as in the cloud, a responseCode needs a responsePagePath.
     */
    private List<CustomErrorResponse> errorResponses(Entry e, String path) {
        List<CustomErrorResponse> out = new ArrayList<>();
        if (e == null) return out;
        ListNode l = r.list(e.value(), path);
        if (l == null) return out;
        Set<Integer> seen = new java.util.HashSet<>();
        for (Node n : l.items()) {
            MapNode m = r.map(n, path);
            if (m == null) continue;
            r.keys(m, path, ERROR_RESPONSE);
            Map<String, Entry> x = m.entries();
            if (!x.containsKey("errorCode")) {
                r.problems.add(m.line(), path, "'errorCode' is missing: the status (400-599) this entry is for");
                continue;
            }
            int code = r.integer(x.get("errorCode"), path + ".errorCode", 0, 400, 599);
            if (code == 0) continue;
            String at = path + "[" + code + "]";
            if (!seen.add(code)) {
                r.problems.add(x.get("errorCode").line(), at, "errorCode " + code + " is listed twice");
            }
            String page = x.containsKey("responsePagePath") ? r.string(x.get("responsePagePath"), at + ".responsePagePath") : null;
            if (page != null && !page.startsWith("/")) {
                r.problems.add(x.get("responsePagePath").line(), at + ".responsePagePath", "'" + page
                        + "' must be a path starting with / (e.g. /errors/" + code + ".html), fetched through the"
                        + " behavior whose pathPattern matches it");
                page = null;
            }
            int responseCode = r.integer(x.get("responseCode"), at + ".responseCode", 0, 200, 599);
            if (x.containsKey("responseCode") && !x.containsKey("responsePagePath")) {
                r.problems.add(x.get("responseCode").line(), at + ".responseCode",
                        "a responseCode goes with the page it answers: add responsePagePath");
            }
            if (!x.containsKey("errorCachingMinTTL") && !x.containsKey("responsePagePath")
                    && !x.containsKey("responseCode")) {
                r.problems.add(m.line(), at, "says nothing: give errorCachingMinTTL, responsePagePath, or both");
            }
            java.time.Duration ttl = x.containsKey("errorCachingMinTTL")
                    ? r.duration(x.get("errorCachingMinTTL"), at + ".errorCachingMinTTL", null) : null;
            out.add(new CustomErrorResponse(code, ttl, responseCode, page));
        }
        return out;
    }

    private OriginConfig origin(String name, Entry e, String path) {
        MapNode m = r.map(e.value(), path);
        if (m == null) return null;
        r.keys(m, path, ORIGIN);
        Map<String, Entry> x = m.entries();
        String domain = x.containsKey("domain") ? r.string(x.get("domain"), path + ".domain") : null;
        if (!x.containsKey("domain")) {
            r.problems.add(m.line(), path, "'domain' is missing: the origin's name (its Host and SNI; map it in resolve: for this machine)");
        } else if (domain != null && !domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?")) {
            r.problems.add(x.get("domain").line(), path + ".domain", "'" + domain + "' is not a domain name (letters, digits,"
                    + " dots and hyphens; no scheme, port or path: those are protocolPolicy, httpPort/httpsPort and"
                    + " originPath). Fix: e.g. app.internal");
            domain = null;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        if (x.containsKey("customHeaders")) {
            MapNode cm = r.map(x.get("customHeaders").value(), path + ".customHeaders");
            if (cm != null) {
                for (Entry h : cm.entries().values()) {
                    String at = path + ".customHeaders." + h.key();
                    String v = r.string(h, at);
                    String problem = HeaderRules.originHeaderProblem(h.key());
                    if (problem == null && v != null) problem = HeaderRules.valueProblem(v);
                    if (problem != null) {
                        r.problems.add(h.line(), at, problem);
                    } else if (v != null) {
                        custom.put(h.key(), v);
                    }
                }
            }
        }
        Path ca = null;
        if (x.containsKey("caFile")) {
            ca = r.file(m, "caFile", path);
        }
        String originPath = x.containsKey("originPath") ? r.string(x.get("originPath"), path + ".originPath") : "";
        if (originPath != null && !originPath.isEmpty() && (!originPath.startsWith("/") || originPath.endsWith("/")
                || !Values.isPath(originPath))) {
            r.problems.add(x.get("originPath").line(), path + ".originPath", "'" + originPath
                    + "' must start with / and not end with /, in characters a URL's path may hold (e.g. /production)");
        }
        return new OriginConfig(name, domain, r.integer(x.get("httpPort"), path + ".httpPort", 80, 1, 65535),
                r.integer(x.get("httpsPort"), path + ".httpsPort", 443, 1, 65535),
                r.oneOf(x.get("protocolPolicy"), path + ".protocolPolicy", ordered("http-only", "https-only", "match-viewer"), "http-only"),
                sslProtocols(x.get("sslProtocols"), path + ".sslProtocols"), ca,
                r.duration(x.get("connectTimeout"), path + ".connectTimeout", null),
                r.duration(x.get("readTimeout"), path + ".readTimeout", null),
                r.duration(x.get("keepAliveTimeout"), path + ".keepAliveTimeout", null), custom, originPath);
    }

    /**
     * TLS versions to offer the origin. TLSv1 and TLSv1.1 are accepted as the cloud accepts them (a file written
     * for CloudFront reads as it is); {@code check} warns where the origin's listener needs TLSv1.2, and the
     * handshake then fails as it would there (502). SSLv3 is refused: nothing speaks it any more.
     */
    private List<String> sslProtocols(Entry e, String path) {
        if (e == null) return null;
        List<String> v = r.strings(e, path);
        for (String p : v) {
            if (!SSL_PROTOCOLS.contains(p)) {
                r.problems.add(e.line(), path, "'" + p + "' is not offered; allowed: " + String.join(", ", SSL_PROTOCOLS));
                return null;
            }
        }
        return v.isEmpty() ? null : v;
    }

    private static final List<String> SSL_PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private BehaviorConfig behavior(Node n, String path, Map<String, OriginConfig> origins, boolean patterned) {
        MapNode m = r.map(n, path);
        if (m == null) return null;
        Set<String> allowed = new java.util.LinkedHashSet<>(BEHAVIOR);
        if (!patterned) allowed.remove("pathPattern");
        r.keys(m, path, allowed);
        Map<String, Entry> x = m.entries();
        PathPattern pattern = null;
        if (patterned) {
            if (!x.containsKey("pathPattern")) {
                r.problems.add(m.line(), path, "'pathPattern' is missing, e.g. /images/*");
            } else {
                pattern = policies.pattern(x.get("pathPattern"), path + ".pathPattern");
                path = path + "[" + (pattern == null ? "?" : pattern.text()) + "]";
            }
        }
        String origin = x.containsKey("origin") ? r.string(x.get("origin"), path + ".origin") : null;
        if (origin == null) {
            r.problems.add(m.line(), path, "'origin' is missing; origins: " + String.join(", ", origins.keySet()));
        } else if (!origins.containsKey(origin)) {
            r.problems.add(x.get("origin").line(), path + ".origin", "no origin named '" + origin + "'"
                    + NearMiss.hint(origin, origins.keySet()) + "; origins: "
                    + (origins.isEmpty() ? "(none)" : String.join(", ", origins.keySet())));
        }
        List<String> allowedMethods = methods(x.get("allowedMethods"), path + ".allowedMethods", METHOD_SETS, true);
        List<String> cachedMethods = methods(x.get("cachedMethods"), path + ".cachedMethods", CACHED_SETS, false);
        CachePolicy cp = named(x.get("cachePolicy"), path + ".cachePolicy", policies.cachePolicies,
                policies.cachePolicies.get("CachingOptimized"));
        OriginRequestPolicy orp = x.containsKey("originRequestPolicy")
                ? named(x.get("originRequestPolicy"), path + ".originRequestPolicy", policies.originRequestPolicies, null) : null;
        ResponseHeadersPolicy rhp = x.containsKey("responseHeadersPolicy")
                ? named(x.get("responseHeadersPolicy"), path + ".responseHeadersPolicy", policies.responseHeadersPolicies, null) : null;
        Map<EdgeFunction.Event, EdgeFunction> fns = new EnumMap<>(EdgeFunction.Event.class);
        if (x.containsKey("functions")) {
            MapNode fm = r.map(x.get("functions").value(), path + ".functions");
            if (fm != null) {
                for (Entry fe : fm.entries().values()) {
                    EdgeFunction.Event ev = EdgeFunction.Event.of(fe.key());
                    if (ev == null) {
                        r.problems.add(fe.line(), path + ".functions", "unknown event '" + fe.key()
                                + "'; events: viewer-request, viewer-response, origin-request, origin-response");
                        continue;
                    }
                    EdgeFunction f = named(fe, path + ".functions." + fe.key(), policies.functions, null);
                    if (f != null) fns.put(ev, f);
                }
            }
        }
        return new BehaviorConfig(pattern == null ? null : pattern.text(), origin, allowedMethods, cachedMethods,
                r.oneOf(x.get("viewerProtocolPolicy"), path + ".viewerProtocolPolicy",
                        ordered("allow-all", "redirect-to-https", "https-only"), "allow-all"),
                cp, orp, rhp, fns);
    }

    /**
     * One of {@code sets} (the first is the default), or, where {@code orAll}, {@code all} (any method, WebDAV's and
     * SSDP's included: beyond the cloud).
     */
    private List<String> methods(Entry e, String path, List<List<String>> sets, boolean orAll) {
        List<String> dflt = sets.getFirst();
        if (e == null) return dflt;
        if (orAll && e.value() instanceof Yaml.Scalar s && "all".equals(s.text())) return List.of("*");
        List<String> ms = r.strings(e, path).stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList();
        for (String s : ms) {
            if (!METHODS.contains(s)) {
                r.problems.add(e.line(), path, "'" + s + "' is not a method here; allowed: " + String.join(", ", METHODS));
                return dflt;
            }
        }
        for (List<String> set : sets) {
            if (set.size() == ms.size() && set.containsAll(ms)) return set;
        }
        r.problems.add(e.line(), path, ms + " is not one of the sets a behavior allows: " + sets + (orAll ? ", or all" : ""));
        return dflt;
    }

    private <T> T named(Entry e, String path, Map<String, T> known, T dflt) {
        if (e == null) return dflt;
        String n = r.string(e, path);
        if (n == null) return dflt;
        T t = known.get(n);
        String kind = path.substring(path.lastIndexOf('.') + 1);
        ManagedPolicyIds.Managed managed = kind.endsWith("Policy")
                ? ManagedPolicyIds.BY_ID.get(n.toLowerCase(java.util.Locale.ROOT)) : null;
        if (t == null && managed != null && managed.kind().equals(kind) && known.containsKey(managed.name())) {
            r.problems.warn(e.line(), path, "'" + n + "' is the cloud's ID of the managed " + managed.describe()
                    + ", used as such; write its name, which says what it does: " + kind + ": " + managed.name());
            return known.get(managed.name());
        }
        if (t == null) {
            String why = managed != null ? "'" + n + "' is the cloud's ID of the managed " + managed.describe()
                    + ", which is not a " + kind.replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT)
                    : "no policy or function named '" + n + "'" + NearMiss.hint(n, known.keySet());
            r.problems.add(e.line(), path, why + "; known: " + String.join(", ", known.keySet()));
            return dflt;
        }
        return t;
    }
}
