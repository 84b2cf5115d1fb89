package dev.forecourt.cli;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.api.ApiRole;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.link.LinkRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What {@code check}'s OK line says a valid file has: each role's parts by name, so a part left out shows. */
final class CheckSummary {
    private CheckSummary() {}

    /** "2 services, ingress, distributions images, apis shop, links nlb, admin", in the file's vocabulary. */
    static String of(Config c) {
        List<String> parts = new ArrayList<>();
        int services = IngressRole.ROLE.of(c).services().size();
        parts.add(services + " service" + (services == 1 ? "" : "s"));
        if (IngressRole.ROLE.of(c).ingress() != null) parts.add("ingress");
        named(parts, "distributions", DistributionRole.ROLE.of(c).distributions().keySet());
        named(parts, "apis", ApiRole.ROLE.of(c).apis().keySet());
        named(parts, "domainNames", ApiRole.ROLE.of(c).domainNames().keySet());
        named(parts, "links", LinkRole.ROLE.of(c).links().keySet());
        if (c.admin() != null) parts.add(c.admin().listen() == null ? "admin (no listen: no admin listener)" : "admin");
        if (c.cluster() != null) parts.add("cluster");
        return String.join(", ", parts);
    }

    private static void named(List<String> parts, String what, Collection<String> names) {
        if (!names.isEmpty()) parts.add(what + " " + String.join(", ", names));
    }
}
