package dev.forecourt.http;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An address a relay connects to, which knows its open relayed connections: their number is what a
 * least-connections picker compares, and {@link #closeConnections()} is how a deregistration delay ends. A caller
 * keeps one per target (across reloads, so that the count and the handles survive) and hands it out from its
 * {@link TargetPicker}. A connection counts from the moment it is picked (while connecting) until it has closed.
 */
public final class RelayTarget {
    private final InetSocketAddress address;
    private final Set<RelayConnection> open = ConcurrentHashMap.newKeySet();

    public RelayTarget(InetSocketAddress address) {
        if (address == null || address.isUnresolved()) {
            throw new IllegalArgumentException("a relay target needs a resolved address, got " + address);
        }
        this.address = address;
    }

    public InetSocketAddress address() {
        return address;
    }

    public int openConnections() {
        return open.size();
    }

    /** Closes every connection relayed to this target now (each on its own event loop; returns at once). */
    public void closeConnections() {
        for (RelayConnection c : open) {
            c.closeFromElsewhere(RelayRecord.Reason.DEREGISTERED);
        }
    }

    void opened(RelayConnection c) {
        open.add(c);
    }

    void closed(RelayConnection c) {
        open.remove(c);
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
