package dev.forecourt.edge.role.link;

import dev.forecourt.http.RelayTarget;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections one link relays now, to whichever targets: kept across reloads, so that a target a reload removed
 * is still counted while its connections drain (its deregistration delay), which is when an operator watches the
 * gauge go to zero. A target leaves the count at a reload that finds it gone and without connections.
 */
final class LinkConnections {
    private final Set<RelayTarget> targets = ConcurrentHashMap.newKeySet();

    /** A configuration's targets: these are counted, and so are earlier ones while they have connections. */
    void register(List<RelayTarget> current) {
        targets.removeIf(t -> !current.contains(t) && t.openConnections() == 0);
        targets.addAll(current);
    }

    int open() {
        int n = 0;
        for (RelayTarget t : targets) n += t.openConnections();
        return n;
    }
}
