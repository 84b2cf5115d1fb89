package dev.forecourt.edge.role;

import dev.forecourt.edge.Resolver;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.process.Fleet;
import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.TcpRelay;
import io.micrometer.core.instrument.Meter;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * What a generation lends a role while the role assembles: the shared machinery, and the two lifetimes a thing
 * can have. {@link #own} ties a resource to this generation (closed when it retires); {@link #keep} carries state
 * across reloads (a cache, an instance's health, an embedded app), rebuilt only when its spec changes.
 */
public interface Assembly {
    /** The whole configuration (a role may read another's section: the admin lists every cache). */
    Config config();

    Resolver resolver();

    Metrics metrics();

    EventLoopGroup loops();

    /** What "now" is to what the role builds (a cache's freshness): the system's, or a test's that it moves on. */
    InstantSource clock();

    /** Closed with this generation, after its last request. */
    <T extends AutoCloseable> T own(T resource);

    /**
     * The running generation's value under {@code key} when it was made from an equal {@code spec}, else a new one
     * from {@code make}; closed (when closeable) only once no generation asks for it.
     */
    <T> T keep(String key, Object spec, Supplier<T> make);

    /** A gauge, registered when this generation goes live (one registered sooner would replace the running one's). */
    void gauge(Supplier<Meter> register);

    /** Health checks, started when this generation goes live and stopped when a newer one does. */
    void check(HealthChecker checker);

    /**
     * Runs {@code action} when this generation goes live: how a kept thing takes this configuration's settings only
     * once it serves (a changed {@code run:} block deploys then, not while a reload that may yet fail is built).
     */
    void live(Runnable action);

    /** How an API's cache is named among the caches the admin reaches: {@code api/NAME}. */
    String API_CACHE_PREFIX = "api/";

    /** A cache the admin's invalidations reach: a distribution's by its name, an API's as {@code api/NAME}. */
    void cache(String name, HttpCache cache);

    /** A run: service's instances, which the admin's deployments reach, by the service's name. */
    void deployments(String service, Fleet fleet);

    /**
     * The hop handler of a listener: its corridor, with the access log, metrics, error pages and trace records of
     * {@code role/name}; {@code server}: the Server header it writes (null leaves the origin's); {@code trusted}: the
     * peers it believes forwarding headers and trace requests from (its {@code trustForwardedFrom}).
     */
    default RequestHandler hop(String role, String name, Service corridor, AccessLog log, String server,
                               java.util.List<dev.forecourt.edge.config.Cidr> trusted) {
        return hop(role, name, corridor, log, server, trusted, dev.forecourt.edge.RejectionPage.TEXT);
    }

    /** The same, its refusals of a malformed or too large request head worded by {@code rejectionPage}. */
    RequestHandler hop(String role, String name, Service corridor, AccessLog log, String server,
                       java.util.List<dev.forecourt.edge.config.Cidr> trusted, dev.forecourt.edge.RejectionPage rejectionPage);

    /** Where this process keeps traces: a link gives its relay {@code traces().watch(hop)}; apps note in it too. */
    dev.forecourt.edge.trace.Traces traces();

    /**
     * A listener to bind under {@code key} (a reload moves a key's socket to the new handler); {@code sendsFiles}:
     * its answers are often whole files (a distribution's disk hits).
     */
    void listen(String key, ListenerSpec spec, RequestHandler handler, boolean sendsFiles);

    /** A TCP listener to bind under {@code key}: each connection relayed by {@code relay} (a link). */
    void listen(String key, ListenerSpec spec, TcpRelay relay);
}
