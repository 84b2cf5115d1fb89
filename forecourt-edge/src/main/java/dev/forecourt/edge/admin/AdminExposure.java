package dev.forecourt.edge.admin;

import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.role.api.ApiConfig;
import dev.forecourt.edge.role.api.ApiRole;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.http.HostPort;
import java.net.InetAddress;

/**
 * An admin listener beyond loopback without a {@code token} is an error when there are caches to invalidate (a
 * distribution's, an API's whose routes cache): whoever reaches it can invalidate every cache ({@code /*}) as often as
 * they like, sending all traffic to the origins. An error rather than a warning, because the fix is one line and the
 * harm needs no skill. Loopback stays open: only this machine reaches it, as for the metrics scrape and health probe,
 * which never need the token.
 */
public final class AdminExposure {
    private AdminExposure() {}

    /** The shortest token accepted: a few guessable characters would only look like protection. */
    static final int MIN_TOKEN = 16;

    public static String token(Fields r, Entry e) {
        String t = r.string(e, "admin.token");
        if (t != null && t.length() < MIN_TOKEN) {
            r.problems.add(e.line(), "admin.token", "is " + t.length() + " characters; write at least " + MIN_TOKEN
                    + " random ones (e.g. the output of: openssl rand -hex 16)");
            return null;
        }
        return t;
    }

    public static void check(Yaml.MapNode root, Config c, Problems p) {
        AdminConfig admin = c.admin();
        java.util.List<String> caches = invalidatable(c);
        if (admin == null || admin.listen() == null || admin.token() != null || caches.isEmpty()
                || YamlPath.node(root, "admin", "token") != null) {
            return;
        }
        if (loopback(HostPort.parse(admin.listen(), null, HostPort.Use.LISTEN).host(), c)) return;
        p.add(YamlPath.of(root, "admin", "listen"), "admin.listen", "'" + admin.listen() + "' is reachable beyond this"
                + " machine and there is no token: anyone who reaches it can invalidate every cache (POST "
                + caches.getFirst() + "/invalidations with /*" + (caches.size() > 1 ? ", and " + (caches.size() - 1)
                + " more" : "") + ") and send all traffic to the origins. Fix: add"
                + " admin: {token: ...} (at least " + MIN_TOKEN + " random characters; invalidations then need"
                + " Authorization: Bearer TOKEN), or listen on 127.0.0.1");
    }

    /** The caches the admin can invalidate, by its path to each: every distribution's, an API's whose routes cache. */
    private static java.util.List<String> invalidatable(Config c) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        DistributionRole.ROLE.of(c).distributions().keySet().forEach(d -> paths.add(Invalidations.PREFIX + d));
        ApiRole.ROLE.of(c).apis().values().stream().filter(ApiConfig::caches)
                .forEach(a -> paths.add(Invalidations.API_PREFIX + a.name()));
        return paths;
    }

    /** Literal addresses are judged as written; a name by what {@code resolve:} (else the machine) says it is. */
    private static boolean loopback(String host, Config c) {
        if (host.equalsIgnoreCase("localhost")) return true;
        String mapped = c.resolve().get(host);
        String h = mapped == null ? host : HostPort.parse(mapped, null, HostPort.Use.LISTEN).host();
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.io.IOException e) {
            return false; // a name that does not resolve: the listener won't bind either; don't call it safe
        }
    }
}
