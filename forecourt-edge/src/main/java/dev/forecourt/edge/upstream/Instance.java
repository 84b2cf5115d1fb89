package dev.forecourt.edge.upstream;

import dev.forecourt.http.Endpoint;

/**
 * One instance of a service: its endpoint (this configuration's) and its {@link InstanceHealth} (which may have come
 * from the configuration before).
 */
public final class Instance {
    private final Endpoint endpoint;
    private final InstanceHealth health;

    public Instance(Endpoint endpoint) {
        this(endpoint, new InstanceHealth());
    }

    public Instance(Endpoint endpoint, InstanceHealth health) {
        this.endpoint = endpoint;
        this.health = health;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String name() {
        return endpoint.name();
    }

    public boolean available() {
        return health.available();
    }

    public boolean healthy() {
        return health.healthy();
    }

    /** Why the instance is out, for messages; null when it is in. */
    public String problem() {
        return available() ? null : health.problem();
    }

    void checked(boolean healthy, String problem) {
        health.checked(healthy, problem);
    }

    /** Whether a check of this instance has ended yet, in this configuration or one before. */
    boolean everChecked() {
        return health.everChecked();
    }

    /** A check passed: the successes in a row, counted across reloads. */
    int passed() {
        return health.passed();
    }

    /** A check failed: the failures in a row, counted across reloads. */
    int failed() {
        return health.failed();
    }

    /** A connect failed: keep the instance out for {@code nanos}. */
    void eject(long nanos, String why) {
        health.eject(nanos, why);
    }
}
