package dev.forecourt.cli.walk;

import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a Host-routed listener serves, by who serves them (a service, the API, the distribution), matched as
 * its {@link Router} matches them at run time: exact names, then wildcards ({@code *.example.org}: any name ending
 * in {@code .example.org}). A wildcard the check sends on ({@code *.example.org} as aliases forwarded) is served
 * when a wildcard here covers every name it stands for.
 */
final class HostRoutes {
    private final Router router;
    private final List<String> domains = new ArrayList<>();

    HostRoutes(Map<String, List<String>> byOwner) {
        List<Router.VirtualHost> hosts = new ArrayList<>();
        byOwner.forEach((owner, names) -> {
            hosts.add(new Router.VirtualHost(owner, names.stream().map(HostPattern::new).toList(), null));
            domains.addAll(names);
        });
        this.router = new Router(hosts, "");
    }

    static HostRoutes of(String owner, List<String> names) {
        Map<String, List<String>> one = new LinkedHashMap<>();
        one.put(owner, names);
        return new HostRoutes(one);
    }

    /** Who serves this Host value, or null. */
    String owner(String host) {
        String name = HostPort.withoutPort(host.toLowerCase(Locale.ROOT));
        Router.VirtualHost vh = router.match(host, name);
        return vh == null ? null : vh.name();
    }

    List<String> domains() {
        return List.copyOf(domains);
    }

    /** A domain a name could be given as (the first exact one), or null when every one is a wildcard. */
    String anExactDomain() {
        return domains.stream().filter(d -> !d.startsWith("*")).findFirst().orElse(null);
    }

    /** Why a wildcard here misses {@code host}, when one seems meant for it (the name it stands under); else "". */
    String wildcardNote(String host) {
        String name = HostPort.withoutPort(host.toLowerCase(Locale.ROOT));
        for (String d : domains) {
            if (d.equals("*." + name)) {
                return " ('" + d + "' covers the names under " + name + ", not " + name + " itself)";
            }
        }
        return "";
    }
}
