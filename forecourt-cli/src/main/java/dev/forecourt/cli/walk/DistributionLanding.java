package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.route.PathPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A distribution's listener ({@code listen}, or {@code tls.listen}): Host-routed when it has aliases; paths go to the
 * first behavior whose pattern matches, else the default one, and on to its origin.
 */
record DistributionLanding(Listening listening, DistributionConfig d) implements Landing {

    @Override
    public TlsConfig tls() {
        return listening.tls() ? d.tls() : null;
    }

    @Override
    public HostRoutes hostRoutes() {
        return d.aliases().isEmpty() ? null : HostRoutes.of(d.name(), d.aliases());
    }

    @Override
    public String noRoute() {
        return "404 no_route from distribution/" + d.name();
    }

    @Override
    public String namesKey() {
        return "distributions." + d.name() + ".aliases";
    }

    @Override
    public Refusal refuses(Request r, Topology t, int depth) {
        if (!r.path().known() || t.missesEveryHost(this, r)) return null;
        List<String> behaviors = new ArrayList<>();
        boolean taken = false;
        for (BehaviorConfig b : d.behaviors()) {
            PathPattern p = new PathPattern(b.pathPattern());
            if (r.path().mayMatch(p)) {
                behaviors.add(OriginEdge.behaviorAt(d, b));
                taken = r.path().allMatch(p);
                if (taken) break;
            }
        }
        if (!taken) behaviors.add(OriginEdge.behaviorAt(d, d.defaultBehavior()));
        return t.onward(behaviors, r, depth);
    }
}
