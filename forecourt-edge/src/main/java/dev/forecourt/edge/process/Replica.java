package dev.forecourt.edge.process;

import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.edge.upstream.Instance;
import dev.forecourt.edge.upstream.InstanceHealth;
import dev.forecourt.http.Endpoint;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One life of one instance: its process, the endpoint requests reach it on, its health check, and the requests it
 * is answering now (counted until the response's last byte, so that draining never cuts a body short). A crashed
 * or replaced instance is a new replica, with a new process and port.
 */
final class Replica {
    /** What the instances gauge counts ({@code forecourt_instances{state}}). */
    enum State { STARTING, READY, UNHEALTHY, DRAINING, STOPPED }

    final ChildProcess child;
    final Instance instance;
    final long startedNanos = System.nanoTime();
    private final HealthChecker checker;
    private final AtomicInteger inFlight = new AtomicInteger();
    volatile State state = State.STARTING;
    volatile long readyNanos;

    Replica(ChildProcess child, Endpoint endpoint, InstanceHealth health, HealthChecker.Verdicts verdicts,
            String service, RunSpec spec, EventLoopGroup loops) {
        this.child = child;
        this.instance = new Instance(endpoint, health);
        this.checker = HealthChecker.ofStarted(service, instance, spec.healthCheck(), spec.host(), loops, verdicts);
    }

    String name() {
        return child.name();
    }

    Endpoint endpoint() {
        return instance.endpoint();
    }

    void checkHealth() {
        checker.start();
    }

    int inFlight() {
        return inFlight.get();
    }

    void take() {
        inFlight.incrementAndGet();
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /**
     * Stops this replica once it takes no new requests: waits (up to {@code drainTimeout}) for the requests it is
     * answering, then SIGTERM, and SIGKILL after {@code drainTimeout} more. Blocks: run it on a thread of its own.
     */
    void drainAndStop(Duration drainTimeout) {
        checker.close();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.get() > 0 && child.alive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        child.stop(drainTimeout);
        endpoint().close();
        state = State.STOPPED;
    }
}
