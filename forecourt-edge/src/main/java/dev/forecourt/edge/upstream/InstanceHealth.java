package dev.forecourt.edge.upstream;

/**
 * What is known of one instance's health: the active checks' verdict and a passive ejection after a failed connect
 * (lifted when the ejection time passes or a check succeeds). Apart from the {@link Instance} so that it outlives a
 * reload: an instance the checks took out stays out in the new configuration until it passes again, as Envoy keeps
 * host health across a config update.
 */
public final class InstanceHealth {
    private volatile boolean healthy = true;
    private volatile long ejectedUntilNanos;
    private volatile String problem;
    // the checks' streak, kept here so that a reload's new checker counts on from the old one's: were it reset, a
    // reload more often than the thresholds' time would freeze the verdict (a dead target in for good)
    private int successes;
    private int failures;

    /** The health of an instance just started: out until its first check passes. */
    public static InstanceHealth unproven() {
        InstanceHealth h = new InstanceHealth();
        h.checked(false, "not yet checked");
        return h;
    }

    boolean available() {
        return healthy && (ejectedUntilNanos == 0 || System.nanoTime() - ejectedUntilNanos >= 0);
    }

    boolean healthy() {
        return healthy;
    }

    String problem() {
        return problem;
    }

    void checked(boolean healthy, String problem) {
        this.healthy = healthy;
        this.problem = problem;
        if (healthy) {
            ejectedUntilNanos = 0;
        }
    }

    /** Whether any check has ended yet (a reload's checker counts on from its predecessor's). */
    synchronized boolean everChecked() {
        return successes != 0 || failures != 0; // each check ends with one of them at 1 or more
    }

    /** A check passed: the successes in a row now. */
    synchronized int passed() {
        failures = 0;
        return ++successes;
    }

    /** A check failed: the failures in a row now. */
    synchronized int failed() {
        successes = 0;
        return ++failures;
    }

    void eject(long nanos, String why) {
        this.problem = why;
        this.ejectedUntilNanos = System.nanoTime() + nanos;
    }
}
