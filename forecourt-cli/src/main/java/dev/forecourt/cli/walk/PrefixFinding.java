package dev.forecourt.cli.walk;

import java.util.List;

/**
 * Paths sent on that nothing further on serves: a route or behavior that keeps its prefix (or adds one) in front of
 * an embedded app whose paths are known, or of an API or distribution with no route for them (followed on while the
 * file tells where they go). An app at an address, or one that serves every path (echo), is never judged.
 */
final class PrefixFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        Request sent = e.sent(e.arrived());
        if (!sent.path().known()) return List.of();
        Refusal refusal = r.landing().refuses(sent, t, 1);
        if (refusal == null) return List.of();
        return List.of(e.at() + ": sends " + sent.path() + " on to " + r.route() + ", which " + refusal.text()
                + ": every such request gets 404. Fix: " + e.fixPath(sent.path()));
    }
}
