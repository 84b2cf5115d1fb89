package dev.forecourt.edge.trace;

import java.util.Locale;

/** The four parts of a hop's story, in the order a person tells it. */
public enum Phase {
    /** What reached the hop: listener, client, Host, path, TLS name and protocol. */
    ARRIVED,
    /** What it chose: route or behavior, policies, cache result and why, authorizer, throttle, instance. */
    DECIDED,
    /** What it sent on: to where, Host, path, SNI, protocol, the headers it added, changed or removed. */
    SENT,
    /** What came back: status, who made it, timings; for our own errors, the type, detail and fix. */
    RETURNED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
