package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a valid configuration hop by hop, before any traffic, and names what will go wrong between hops: each
 * connection a hop makes ({@link Edge}: a distribution behavior to its origin, an API route to its integration)
 * judged at the listener of this file it reaches ({@link Topology}, links looked through) by each {@link Finding};
 * and caching behaviors whose origin gets headers it may reflect outside the cache key ({@link UnkeyedHeaders}).
 * Each finding is "KEY: what will happen. Fix: ...", KEY the one check prints the line of.
 */
public final class HopWalk {
    private static final List<Finding> FINDINGS = List.of(new ProtocolFinding(), new TlsVersionFinding(),
            new ServerNameFinding(), new HostFinding(), new PrefixFinding());

    private HopWalk() {}

    public static List<String> warnings(Config c) {
        List<String> out = new ArrayList<>(UnkeyedHeaders.warnings(c));
        Topology t = Topology.of(c);
        for (Edge e : t.edges()) {
            for (Reached r : t.reached(e.connection().target())) {
                for (Finding f : FINDINGS) {
                    // what depends on the origin alone is said once, at the origin, not once per behavior using it
                    f.judge(e, r, t).stream().filter(w -> !out.contains(w)).forEach(out::add);
                }
            }
        }
        return out;
    }
}
