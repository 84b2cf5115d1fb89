package dev.forecourt.edge.role.link;

import dev.forecourt.edge.upstream.Instance;
import dev.forecourt.http.RelayTarget;
import dev.forecourt.http.TargetPicker;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a link's next connection goes: a healthy target, in turn or the one with the fewest open connections.
 * When no target is healthy, traffic goes to all of them, as a load balancer fails open rather than refuse
 * everyone on the word of its health checks.
 */
final class LinkTargets implements TargetPicker, AutoCloseable {
    private final List<LinkTarget> targets;
    private final List<Instance> checked; // the same targets, as the health checks see them
    private final boolean leastConnections;
    private final AtomicInteger turn = new AtomicInteger();
    private ScheduledFuture<?> sweeps;

    LinkTargets(List<LinkTarget> targets, List<Instance> checked, boolean leastConnections) {
        this.targets = List.copyOf(targets);
        this.checked = List.copyOf(checked);
        this.leastConnections = leastConnections;
    }

    @Override
    public RelayTarget pick(InetSocketAddress client) {
        boolean anyHealthy = anyAvailable();
        int n = targets.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        RelayTarget best = null;
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            if (anyHealthy && !checked.get(k).available()) continue;
            RelayTarget t = targets.get(k).relay;
            if (!leastConnections) return t;
            if (best == null || t.openConnections() < best.openConnections()) best = t;
        }
        return best;
    }

    private boolean anyAvailable() {
        for (Instance i : checked) {
            if (i.available()) return true;
        }
        return false;
    }

    /** Every second, ends the connections of targets out of rotation for their deregistration delay. */
    LinkTargets sweepOn(EventLoop loop) {
        sweeps = loop.scheduleAtFixedRate(() -> {
            boolean anyHealthy = anyAvailable(); // failing open: no one is out
            long now = System.nanoTime();
            for (int k = 0; k < targets.size(); k++) {
                targets.get(k).sweep(anyHealthy && !checked.get(k).available(), now);
            }
        }, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        if (sweeps != null) sweeps.cancel(false);
    }
}
