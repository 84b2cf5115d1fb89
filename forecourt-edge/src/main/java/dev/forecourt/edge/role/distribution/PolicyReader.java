package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.HeaderRules;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;
import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.function.Template;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.CorsRules;
import dev.forecourt.edge.policy.ManagedPolicies;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import dev.forecourt.edge.policy.Selection;
import dev.forecourt.edge.policy.Ttl;
import dev.forecourt.edge.route.PathPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the custom policies and functions ({@code cachePolicies}, {@code originRequestPolicies},
 * {@code responseHeadersPolicies}, {@code functions}) beside the managed ones, so that behaviors can name either.
 */
final class PolicyReader {
    private static final Set<String> CACHE = ordered("minTTL", "defaultTTL", "maxTTL", "headers", "cookies",
            "queryStrings", "enableAcceptEncodingGzip", "enableAcceptEncodingBrotli");
    private static final Set<String> ORIGIN_REQUEST = ordered("headers", "cookies", "queryStrings");
    private static final Set<String> RESPONSE = ordered("cors", "securityHeaders", "customHeaders", "removeHeaders",
            "serverTiming");
    private static final Set<String> CORS = ordered("allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders",
            "allowCredentials", "maxAge", "originOverride");
    private static final Set<String> CUSTOM_HEADER = ordered("header", "value", "override");
    private static final Set<String> FUNCTION = ordered("match", "setHeaders", "removeHeaders", "uri", "query",
            "redirect", "respond");
    private static final Set<String> REDIRECT = ordered("status", "location");
    private static final Set<String> RESPOND = ordered("status", "contentType", "body");

    final Map<String, CachePolicy> cachePolicies = new LinkedHashMap<>(ManagedPolicies.CACHE);
    final Map<String, OriginRequestPolicy> originRequestPolicies = new LinkedHashMap<>(ManagedPolicies.ORIGIN_REQUEST);
    final Map<String, ResponseHeadersPolicy> responseHeadersPolicies = new LinkedHashMap<>(ResponseHeadersPolicy.MANAGED);
    final Map<String, EdgeFunction> functions = new LinkedHashMap<>();
    private final Fields r;

    PolicyReader(Fields r, MapNode root) {
        this.r = r;
        each(root.entries().get("cachePolicies"), "cachePolicies", (name, m, path) -> cachePolicies.put(name, cache(name, m, path)));
        each(root.entries().get("originRequestPolicies"), "originRequestPolicies",
                (name, m, path) -> originRequestPolicies.put(name, originRequest(name, m, path)));
        each(root.entries().get("responseHeadersPolicies"), "responseHeadersPolicies",
                (name, m, path) -> responseHeadersPolicies.put(name, response(name, m, path)));
        each(root.entries().get("functions"), "functions", (name, m, path) -> functions.put(name, function(name, m, path)));
    }

    private interface Item {
        void read(String name, MapNode m, String path);
    }

    private void each(Entry e, String section, Item item) {
        if (e == null) return;
        MapNode m = r.map(e.value(), section);
        if (m == null) return;
        for (Entry p : m.entries().values()) {
            MapNode pm = r.map(p.value(), section + "." + p.key());
            if (pm != null) item.read(p.key(), pm, section + "." + p.key());
        }
    }

    private CachePolicy cache(String name, MapNode m, String path) {
        r.keys(m, path, CACHE);
        Map<String, Entry> x = m.entries();
        Duration min = r.duration(x.get("minTTL"), path + ".minTTL", Duration.ZERO);
        Duration dflt = x.containsKey("defaultTTL") ? r.duration(x.get("defaultTTL"), path + ".defaultTTL", null) : null;
        Duration max = r.duration(x.get("maxTTL"), path + ".maxTTL", Duration.ofDays(365));
        Ttl ttl;
        try {
            ttl = new Ttl(min, dflt, max);
        } catch (IllegalArgumentException ex) {
            r.problems.add(m.line(), path, ex.getMessage());
            ttl = Ttl.ORIGIN;
        }
        Selection headers = selection(x.get("headers"), path + ".headers", false, false);
        return new CachePolicy(name, ttl, headers, selection(x.get("cookies"), path + ".cookies", true, true),
                selection(x.get("queryStrings"), path + ".queryStrings", true, true),
                r.bool(x.get("enableAcceptEncodingGzip"), path + ".enableAcceptEncodingGzip", false),
                r.bool(x.get("enableAcceptEncodingBrotli"), path + ".enableAcceptEncodingBrotli", false));
    }

    private OriginRequestPolicy originRequest(String name, MapNode m, String path) {
        r.keys(m, path, ORIGIN_REQUEST);
        Map<String, Entry> x = m.entries();
        return new OriginRequestPolicy(name, selection(x.get("headers"), path + ".headers", true, false),
                selection(x.get("cookies"), path + ".cookies", true, true),
                selection(x.get("queryStrings"), path + ".queryStrings", true, true));
    }

    /**
     * {@code none}, {@code all}, a list of names (only those), or {@code {allExcept: [names]}}. A cache key takes
     * headers only by name, as in the cloud ({@code all} would make every request its own object). Cookie and query
     * string names are {@code caseSensitive}, header names not.
     */
    private Selection selection(Entry e, String path, boolean allAllowed, boolean caseSensitive) {
        if (e == null) return Selection.NONE;
        if (e.value() instanceof Scalar s && s.text() != null) {
            if (s.text().equals("none")) return Selection.NONE;
            if (s.text().equals("all") && allAllowed) return Selection.ALL;
            r.problems.add(e.line(), path, "'" + s.text() + "' is not allowed; write " + (allAllowed
                    ? "none, all, a list of names, or {allExcept: [names]}" : "none or a list of header names"));
            return Selection.NONE;
        }
        if (e.value() instanceof ListNode) {
            return named(Selection.Kind.WHITELIST, r.strings(e, path), caseSensitive);
        }
        MapNode m = r.map(e.value(), path);
        if (m == null) return Selection.NONE;
        r.keys(m, path, allAllowed ? ordered("allExcept") : Set.of());
        Entry ex = m.entries().get("allExcept");
        return ex == null || !allAllowed ? Selection.NONE
                : named(Selection.Kind.ALL_EXCEPT, r.strings(ex, path + ".allExcept"), caseSensitive);
    }

    private static Selection named(Selection.Kind kind, List<String> names, boolean caseSensitive) {
        return caseSensitive ? Selection.exact(kind, names) : Selection.of(kind, names);
    }

    private ResponseHeadersPolicy response(String name, MapNode m, String path) {
        r.keys(m, path, RESPONSE);
        Map<String, Entry> x = m.entries();
        CorsRules cors = null;
        if (x.containsKey("cors")) {
            MapNode c = r.map(x.get("cors").value(), path + ".cors");
            if (c != null) {
                r.keys(c, path + ".cors", CORS);
                Map<String, Entry> cx = c.entries();
                cors = new CorsRules(list(cx.get("allowOrigins"), path + ".cors.allowOrigins", List.of("*")),
                        list(cx.get("allowMethods"), path + ".cors.allowMethods", List.of("GET", "HEAD")),
                        list(cx.get("allowHeaders"), path + ".cors.allowHeaders", List.of()),
                        list(cx.get("exposeHeaders"), path + ".cors.exposeHeaders", List.of()),
                        r.bool(cx.get("allowCredentials"), path + ".cors.allowCredentials", false),
                        r.seconds(cx.get("maxAge"), path + ".cors.maxAge"),
                        r.bool(cx.get("originOverride"), path + ".cors.originOverride", true));
            }
        }
        List<ResponseHeadersPolicy.Header> headers = new ArrayList<>();
        if (r.bool(x.get("securityHeaders"), path + ".securityHeaders", false)) {
            headers.addAll(ResponseHeadersPolicy.SECURITY);
        }
        Entry ch = x.get("customHeaders");
        if (ch != null) {
            ListNode l = r.list(ch.value(), path + ".customHeaders");
            if (l != null) {
                for (Node n : l.items()) {
                    MapNode hm = r.map(n, path + ".customHeaders");
                    if (hm == null) continue;
                    r.keys(hm, path + ".customHeaders", CUSTOM_HEADER);
                    String h = required(hm, "header", path + ".customHeaders");
                    String v = required(hm, "value", path + ".customHeaders");
                    String problem = h == null ? null : HeaderRules.nameProblem(h);
                    if (problem == null && v != null) problem = HeaderRules.valueProblem(v);
                    if (problem != null) {
                        r.problems.add(hm.line(), path + ".customHeaders", problem);
                    } else if (h != null && v != null) {
                        headers.add(new ResponseHeadersPolicy.Header(h, v,
                                r.bool(hm.entries().get("override"), path + ".customHeaders.override", true)));
                    }
                }
            }
        }
        return new ResponseHeadersPolicy(name, cors, headers, list(x.get("removeHeaders"), path + ".removeHeaders", List.of()),
                r.bool(x.get("serverTiming"), path + ".serverTiming", false));
    }

    private EdgeFunction function(String name, MapNode m, String path) {
        r.keys(m, path, FUNCTION);
        Map<String, Entry> x = m.entries();
        PathPattern match = x.containsKey("match") ? pattern(x.get("match"), path + ".match") : null;
        Map<String, String> set = new LinkedHashMap<>();
        if (x.containsKey("setHeaders")) {
            MapNode sm = r.map(x.get("setHeaders").value(), path + ".setHeaders");
            if (sm != null) {
                for (Entry h : sm.entries().values()) {
                    String at = path + ".setHeaders." + h.key();
                    String bad = HeaderRules.nameProblem(h.key());
                    if (bad != null) {
                        r.problems.add(h.line(), at, bad);
                        continue;
                    }
                    String v = oneLine(template(h, at), h, at);
                    if (v != null) set.put(h.key(), v);
                }
            }
        }
        EdgeFunction.Redirect redirect = null;
        if (x.containsKey("redirect")) {
            MapNode rm = r.map(x.get("redirect").value(), path + ".redirect");
            if (rm != null) {
                r.keys(rm, path + ".redirect", REDIRECT);
                int status = r.integer(rm.entries().get("status"), path + ".redirect.status", 301, 300, 308);
                String location = rm.entries().containsKey("location")
                        ? oneLine(template(rm.entries().get("location"), path + ".redirect.location"),
                                rm.entries().get("location"), path + ".redirect.location")
                        : required(rm, "location", path + ".redirect");
                redirect = location == null ? null : new EdgeFunction.Redirect(status, location);
            }
        }
        EdgeFunction.Generated respond = null;
        if (x.containsKey("respond")) {
            MapNode gm = r.map(x.get("respond").value(), path + ".respond");
            if (gm != null) {
                r.keys(gm, path + ".respond", RESPOND);
                Map<String, Entry> gx = gm.entries();
                respond = new EdgeFunction.Generated(r.integer(gx.get("status"), path + ".respond.status", 200, 200, 599),
                        gx.containsKey("contentType") ? oneLine(r.string(gx.get("contentType"),
                                path + ".respond.contentType"), gx.get("contentType"), path + ".respond.contentType")
                                : "text/plain; charset=utf-8",
                        gx.containsKey("body") ? template(gx.get("body"), path + ".respond.body") : "");
            }
        }
        if (redirect != null && respond != null) {
            r.problems.add(m.line(), path, "a function answers with a redirect or a generated response, not both");
        }
        List<String> remove = list(x.get("removeHeaders"), path + ".removeHeaders", List.of());
        if (remove.stream().anyMatch("host"::equalsIgnoreCase)) {
            r.problems.add(x.get("removeHeaders").line(), path + ".removeHeaders", "'Host' can't be removed: the origin"
                    + " request is made for a Host (the origin's domain unless a policy forwards the viewer's). Fix:"
                    + " leave it out, or set it with setHeaders");
            remove = remove.stream().filter(h -> !h.equalsIgnoreCase("host")).toList();
        }
        return new EdgeFunction(name, match, set, remove,
                x.containsKey("uri") ? urlPart(template(x.get("uri"), path + ".uri"), x.get("uri"), path + ".uri") : null,
                x.containsKey("query") ? urlPart(template(x.get("query"), path + ".query"), x.get("query"), path + ".query")
                        : null, redirect, respond);
    }

    /** {@code v} if it is one line of visible characters (it goes into a header), else null and a problem. */
    private String oneLine(String v, Entry e, String path) {
        String problem = v == null ? null : HeaderRules.valueProblem(v);
        if (problem != null) {
            r.problems.add(e.line(), path, problem);
            return null;
        }
        return v;
    }

    /** {@code v} if it may stand in a request line (no space, no control character), else null and a problem. */
    private String urlPart(String v, Entry e, String path) {
        if (v != null && !v.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            String shown = v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
            r.problems.add(e.line(), path, "'" + shown + "' holds a space or a control character, which a request line"
                    + " can't carry. Fix: percent-encode it (%20)");
            return null;
        }
        return v;
    }

    /** A function's text that is filled per request ({@link Template}): an unknown {@code $name} is an error. */
    private String template(Entry e, String path) {
        String v = r.string(e, path);
        String problem = v == null ? null : Template.problem(v);
        if (problem != null) {
            r.problems.add(e.line(), path, problem);
            return null;
        }
        return v;
    }

    PathPattern pattern(Entry e, String path) {
        String p = r.string(e, path);
        if (p == null) return null;
        if (p.length() > 255 || !p.matches("[A-Za-z0-9_\\-.*$/~\"'@:+?&=%]*")) {
            r.problems.add(e.line(), path, "'" + p + "' is not a path pattern: up to 255 of A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + ? & = %");
            return null;
        }
        return new PathPattern(p);
    }

    private List<String> list(Entry e, String path, List<String> dflt) {
        return e == null ? dflt : r.strings(e, path);
    }

    private String required(MapNode m, String key, String path) {
        Entry e = m.entries().get(key);
        if (e == null) {
            r.problems.add(m.line(), path, "'" + key + "' is missing");
            return null;
        }
        return r.string(e, path + "." + key);
    }
}
