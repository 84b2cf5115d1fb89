package dev.forecourt.edge.role.api;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.NearMiss;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.http.Limits;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code domainNames}: each custom domain's name, listener, TLS and API mappings, as API Gateway's
 * {@code create-domain-name} and {@code create-api-mapping} take them. Every problem is reported at its line.
 */
final class DomainNameReader {
    private static final Set<String> DOMAIN = ordered("listen", "tls", "apiMappings", "accessLog", "limits");
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    /** API Gateway's characters for a mapping's path, segments between '/'. */
    private static final Pattern MAPPING_KEY = Pattern.compile("[A-Za-z0-9$\\-_.+!*'()]+(/[A-Za-z0-9$\\-_.+!*'()]+)*");
    private static final int MAX_KEY = 300;

    /** One listener's settings, as the first domain on it gave them. */
    private record Listener(String domain, TlsConfig tls, Limits limits) {}

    private final Fields f;
    private final Map<String, ApiConfig> apis;

    DomainNameReader(Fields f, Map<String, ApiConfig> apis) {
        this.f = f;
        this.apis = apis;
    }

    Map<String, DomainNameConfig> read(Entry section) {
        Map<String, DomainNameConfig> out = new LinkedHashMap<>();
        Map<String, Listener> listeners = new HashMap<>();
        Map<String, String> seen = new HashMap<>(); // lower case -> as written
        f.named(section, "domainNames", (name, e) -> {
            DomainNameConfig d = domain(name, e, listeners);
            String first = d == null ? null : seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (first != null) {
                f.problems.add(e.line(), "domainNames." + name, "'" + name + "' is '" + first + "' again: a Host names"
                        + " one domain, whatever its case");
            } else if (d != null) {
                out.put(name, d);
            }
            return d;
        });
        return out;
    }

    private DomainNameConfig domain(String written, Entry e, Map<String, Listener> listeners) {
        String path = "domainNames." + written;
        MapNode m = f.map(e.value(), path);
        if (m == null) return null;
        if (!NAME.matcher(written).matches()) {
            f.problems.add(e.line(), path, "'" + written + "' is no domain name: labels of letters, digits and '-'"
                    + " between dots (api.example.org), or a wildcard first label (*.example.org); no port, no scheme");
            return null;
        }
        String name = written;
        f.keys(m, path, DOMAIN);
        Map<String, Entry> x = m.entries();
        String listen = f.listen(m, path, "the address clients of this domain connect to, e.g. 127.0.0.1:8443");
        TlsConfig tls = f.tls(x.get("tls"), path + ".tls");
        Limits limits = f.limits(x.get("limits"), path + ".limits");
        if (listen != null) {
            sharedListener(name, listen, tls, limits, x.get("listen"), path, listeners);
        }
        Map<String, String> mappings = new LinkedHashMap<>();
        Entry me = x.get("apiMappings");
        if (me == null) {
            f.problems.add(m.line(), path, "'apiMappings' is missing: {\"\": API, v1: API, ...}: the path each API is"
                    + " served under (\"\" for what no other takes)");
        } else if (f.map(me.value(), path + ".apiMappings") instanceof MapNode mm) {
            for (Entry k : mm.entries().values()) {
                String api = mapping(k, path + ".apiMappings");
                if (api != null) mappings.put(k.key(), api);
            }
        }
        return new DomainNameConfig(name, listen, tls, mappings, ApiLogFields.accessLog(f, x.get("accessLog"),
                path + ".accessLog"), limits);
    }

    /** One mapping: its key checked as API Gateway checks it, its value an API of this file. */
    private String mapping(Entry k, String path) {
        String at = path + "." + (k.key().isEmpty() ? "\"\"" : k.key());
        String key = k.key();
        if (!key.isEmpty() && (key.length() > MAX_KEY || !MAPPING_KEY.matcher(key).matches())) {
            f.problems.add(k.line(), at, "'" + key + "' is no mapping path: \"\" (the root), or segments of letters,"
                    + " digits and $-_.+!*'() between '/', without a '/' first or last (v1, orders/v2), at most "
                    + MAX_KEY + " characters");
            return null;
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                f.problems.add(k.line(), at, "'" + key + "' has a '" + segment + "' segment: no request path reaches it"
                        + " (one with a dot segment is refused)");
                return null;
            }
        }
        String api = f.string(k, at);
        if (api != null && !apis.containsKey(api)) {
            f.problems.add(k.line(), at, "'" + api + "' is none of this file's APIs" + NearMiss.hint(api, apis.keySet())
                    + " (" + (apis.isEmpty() ? "none" : String.join(", ", apis.keySet())) + ")");
            return null;
        }
        return api;
    }

    /**
     * Domains with one {@code listen} share its listener (the Host picks the domain), so they must agree on its TLS
     * and limits; an API's own listener is no domain's.
     */
    private void sharedListener(String name, String listen, TlsConfig tls, Limits limits, Entry le, String path,
                                Map<String, Listener> listeners) {
        for (ApiConfig api : apis.values()) {
            if (listen.equals(api.listen()) && !listen.endsWith(":0")) { // port 0: each its own free port
                f.problems.add(le.line(), path + ".listen", "the API '" + api.name() + "' listens on " + listen
                        + " itself; a custom domain needs an address of its own (map the API from it instead)");
            }
        }
        Listener first = listeners.putIfAbsent(listen, new Listener(name, tls, limits));
        if (first != null && (!java.util.Objects.equals(first.tls(), tls) || !first.limits().equals(limits))) {
            f.problems.add(le.line(), path + ".listen", "the domain '" + first.domain() + "' listens on " + listen
                    + " too, with other tls or limits: domains on one listener share them. Fix: the same tls (its"
                    + " certificates for both names, chosen by SNI) and limits, or another address");
        }
    }
}
