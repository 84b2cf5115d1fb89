package dev.forecourt.edge.role.api;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listeners of the custom domain names: one per {@code listen} they write, each mapping of each domain on it to a
 * hop of its API, what no mapping takes to the domain's own hop ({@code domainName/NAME}, AWS's 404).
 */
final class DomainListeners {
    private DomainListeners() {}

    /** The custom domains by the listener they share (their {@code listen} as written), in file order. */
    static Map<String, List<DomainNameConfig>> byListener(ApiSection config) {
        Map<String, List<DomainNameConfig>> out = new LinkedHashMap<>();
        for (DomainNameConfig d : config.domainNames().values()) {
            if (d.listen() != null) {
                out.computeIfAbsent(d.listen(), l -> new ArrayList<>()).add(d);
            }
        }
        return out;
    }

    /** The port of a {@code listen} without one: 443 with TLS, else 80. */
    static int defaultPort(DomainNameConfig d) {
        return d.tls() == null ? 80 : 443;
    }

    /** The listener of the domains in {@code shared} (one {@code listen}; their tls and limits the same). */
    static void assemble(List<DomainNameConfig> shared, Map<String, BuiltApi> apis, Assembly assembly) throws Exception {
        List<CustomDomains.Domain> domains = new ArrayList<>();
        RequestHandler unknownHost = null;
        for (DomainNameConfig d : shared) {
            Map<String, RequestHandler> hops = new LinkedHashMap<>();
            for (Map.Entry<String, String> m : d.apiMappings().entrySet()) {
                BuiltApi b = apis.get(m.getValue());
                if (b == null) { // the reader refuses this; a configuration built in code may not
                    throw new CannotStart("domainNames." + d.name(), new IllegalArgumentException("its mapping '"
                            + m.getKey() + "' names no API of this file: '" + m.getValue() + "'"));
                }
                int segments = m.getKey().isEmpty() ? 0 : m.getKey().split("/").length;
                hops.put(m.getKey(), b.hop(Api.mapped(b.api(), b.routes(), segments), assembly));
            }
            AccessLog log = assembly.own(AccessLog.open(d.accessLog()));
            String mappings = String.join(", ", d.apiMappings().entrySet().stream()
                    .map(m -> (m.getKey().isEmpty() ? "\"\"" : m.getKey()) + " (" + m.getValue() + ")").toList());
            domains.add(new CustomDomains.Domain(d.name(), new ApiMappings<>(hops), assembly.hop("domainName", d.name(),
                    Api.unmapped(new Unmapped(d.name(), mappings), d.accessLog()), log, null, List.of(), ApiErrors::rejection)));
            if (unknownHost == null) { // a Host none of them is: the first domain's hop (and log) answers
                unknownHost = assembly.hop("domainName", d.name(), Api.unmapped(new Unmapped(null, String.join(", ",
                        shared.stream().map(DomainNameConfig::name).toList())), d.accessLog()), log, null, List.of(),
                        ApiErrors::rejection);
            }
        }
        DomainNameConfig first = shared.getFirst();
        String key = "domain-" + first.name();
        assembly.listen(key, new ListenerSpec(key, assembly.resolver().resolve(first.listen(), defaultPort(first)),
                TlsConfig.server("domainNames." + first.name() + ".tls", first.tls()), first.limits()),
                new CustomDomains(domains, unknownHost), false);
    }
}
