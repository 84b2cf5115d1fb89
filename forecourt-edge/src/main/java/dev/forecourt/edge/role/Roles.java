package dev.forecourt.edge.role;

import dev.forecourt.edge.role.api.ApiGates;
import dev.forecourt.edge.role.api.ApiRole;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.link.LinkRole;
import java.util.List;

/** Every role Forecourt runs, in the order a generation assembles them. A new role is one package and one line here. */
public final class Roles {
    private Roles() {}

    public static final List<Role<?>> ALL = List.of(
            IngressRole.ROLE,         // services and the Host-routed ingress in front of them (App Runner)
            DistributionRole.ROLE,    // CDN distributions: behaviors, policies, functions, the cache (CloudFront)
            LinkRole.ROLE,            // TCP links to target groups, bytes untouched (NLB + VPC link)
            ApiRole.with(ApiGates.JWT)); // HTTP APIs: routes, JWT authorizers, parameter mapping (API Gateway)

    static {
        ALL.forEach(Role::logFields); // each role's log fields registered before a format that names them is read
    }
}
