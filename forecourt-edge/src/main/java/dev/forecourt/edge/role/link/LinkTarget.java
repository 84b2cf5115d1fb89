package dev.forecourt.edge.role.link;

import dev.forecourt.edge.runtime.Kept;
import dev.forecourt.edge.upstream.InstanceHealth;
import dev.forecourt.http.RelayTarget;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One registered target of a link, kept across reloads: its open connections (what least-connections compares and
 * a deregistration ends) and its health. A target that turns unhealthy, or that a reload removes, gets no new
 * connections; its open ones may finish for the {@code deregistrationDelay}, then are closed, as a target group does.
 */
final class LinkTarget implements AutoCloseable, Kept.Dropped {
    final RelayTarget relay;
    final InstanceHealth health = new InstanceHealth();
    private final EventLoop loop;
    private volatile Duration deregistrationDelay = LinkConfig.NLB_DEREGISTRATION;
    private long outSinceNanos; // when it was first seen out of rotation; 0 while in it
    private volatile boolean deregistered;

    LinkTarget(RelayTarget relay, EventLoop loop) {
        this.relay = relay;
        this.loop = loop;
    }

    /** The delay the running configuration gives (a reload may change it). */
    void deregistrationDelay(Duration d) {
        this.deregistrationDelay = d;
    }

    /**
     * Called every second by the link: {@code out} while this target is taken out of rotation (unhealthy while some
     * other target is healthy). Its connections are closed once it has been out for the delay.
     */
    synchronized void sweep(boolean out, long nowNanos) { // the retiring generation may still sweep too
        if (!out) {
            outSinceNanos = 0;
            return;
        }
        if (outSinceNanos == 0) {
            outSinceNanos = nowNanos;
        } else if (nowNanos - outSinceNanos >= deregistrationDelay.toNanos() && relay.openConnections() > 0) {
            relay.closeConnections();
        }
    }

    /** Deregistered by a reload, as it takes effect: its connections end after the delay, counted from now. */
    @Override
    public void dropped() {
        deregistered = true;
        try {
            loop.schedule(relay::closeConnections, deregistrationDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            relay.closeConnections(); // the process is stopping: its listeners close everything anyway
        }
    }

    /** Once the configuration that had it has retired (its delay runs already), or as the process stops. */
    @Override
    public void close() {
        if (!deregistered) {
            dropped();
        }
    }
}
