package dev.forecourt.edge.upstream;

import dev.forecourt.http.Endpoint;

/**
 * One instance of a service and what is known of its health: the active checks' verdict, and a passive
 * ejection after a failed connect (lifted when the ejection time passes or a check succeeds).
 */
public final class Instance {
    private final Endpoint endpoint;
    private volatile boolean healthy = true;
    private volatile long ejectedUntilNanos;
    private volatile String problem;

    public Instance(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String name() {
        return endpoint.name();
    }

    public boolean available() {
        return healthy && (ejectedUntilNanos == 0 || System.nanoTime() - ejectedUntilNanos >= 0);
    }

    public boolean healthy() {
        return healthy;
    }

    /** Why the instance is out, for messages; null when it is in. */
    public String problem() {
        return available() ? null : problem;
    }

    void checked(boolean healthy, String problem) {
        this.healthy = healthy;
        this.problem = problem;
        if (healthy) {
            ejectedUntilNanos = 0;
        }
    }

    /** A connect failed: keep the instance out for {@code nanos}. */
    void eject(long nanos, String why) {
        this.problem = why;
        this.ejectedUntilNanos = System.nanoTime() + nanos;
    }
}
