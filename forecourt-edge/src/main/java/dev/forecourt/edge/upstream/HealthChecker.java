package dev.forecourt.edge.upstream;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.observe.Probes;
import dev.forecourt.http.Body;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.http.UpstreamCallback;
import dev.forecourt.http.UpstreamSettings;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one instance every {@code interval}: a TCP connect, or an HTTP(S) GET of {@code path} that must answer
 * as {@code matcher} says (2xx/3xx by default) within {@code timeout}. {@code healthyThreshold} successes in a row bring it in, {@code unhealthyThreshold}
 * failures in a row take it out, counted across reloads. The first check runs at once; until it ends the instance
 * counts as healthy (a link's target is out if it fails: {@link #ofTarget}). Each check has a connection of its own.
 * An instance Forecourt has just started ({@link #ofStarted}) is out until it passes: it is checked every
 * {@link #PROVING_INTERVAL_MS} ms (or the interval when that is shorter) until then, so it takes traffic as soon as it
 * answers rather than an interval later, and each verdict is told to whoever started it.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);
    static final long PROVING_INTERVAL_MS = 200;

    /** Told when a checked instance comes in (true) or goes out (false, with the last problem). */
    public interface Verdicts {
        void changed(boolean healthy, String problem);
    }

    private final String service;
    private final Instance instance;
    private final HealthCheckConfig spec;
    private final String hostHeader;
    private final boolean inProcess;
    private final Endpoint probe;
    private final EventLoop loop;
    private final Verdicts verdicts;
    private boolean proving;
    private final boolean onProbation;
    private volatile boolean closed;
    private ScheduledFuture<?> next;

    /** {@code inProcess}: the instance is an app embedded in this process, whose hop should not count the probes. */
    public HealthChecker(String service, Instance instance, HealthCheckConfig spec, String hostHeader, EventLoopGroup group,
                         boolean inProcess) {
        this(service, instance, spec, hostHeader, group, inProcess, null, false);
    }

    /**
     * Checks a load balancer's target (a link's): in on probation until its first check, as HAProxy starts its
     * servers, so that a target down at start (or added down by a reload) is out after one failed check, not after
     * the threshold's worth of intervals (a minute at the NLB's defaults), each of its connections reset meanwhile.
     * When every target is out the link fails open, so probation never leaves a link with nowhere to go; a service,
     * which does not fail open, keeps counting to its threshold.
     */
    public static HealthChecker ofTarget(String link, Instance instance, HealthCheckConfig spec, String hostHeader,
                                         EventLoopGroup group) {
        return new HealthChecker(link, instance, spec, hostHeader, group, false, null, true);
    }

    private HealthChecker(String service, Instance instance, HealthCheckConfig spec, String hostHeader,
                          EventLoopGroup group, boolean inProcess, Verdicts verdicts, boolean onProbation) {
        this.service = service;
        this.onProbation = onProbation;
        this.verdicts = verdicts;
        this.proving = verdicts != null;
        this.inProcess = inProcess;
        this.instance = instance;
        this.spec = spec;
        this.hostHeader = hostHeader;
        this.loop = group.next();
        Endpoint target = instance.endpoint();
        InetSocketAddress at = spec.port() == null ? target.address()
                : new InetSocketAddress(target.address().getAddress(), spec.port()); // a check port of its own
        // a connection of its own for each check (none kept idle): a target that stops accepting must fail its
        // checks, which a kept-alive connection would pass; with the target's TLS and PROXY header
        UpstreamSettings ts = target.settings();
        this.probe = new Endpoint(target.name(), at, new UpstreamSettings(spec.timeout(), spec.timeout(),
                Duration.ZERO, 0, ts.tls(), ts.proxyHeader())); // nothing kept alive, so no keep-alive time
    }

    /**
     * Checks an instance Forecourt started (a {@code run:} instance): {@code instance}'s health must begin
     * {@link InstanceHealth#unproven}; {@code verdicts} hears each change.
     */
    public static HealthChecker ofStarted(String service, Instance instance, HealthCheckConfig spec, String hostHeader,
                                          EventLoopGroup group, Verdicts verdicts) {
        return new HealthChecker(service, instance, spec, hostHeader, group, false, verdicts, false);
    }

    public void start() {
        loop.execute(this::check);
    }

    private void check() {
        if (closed) {
            return;
        }
        if ("tcp".equals(spec.protocol())) {
            probe.probe(loop).addListener(f -> done(f.isSuccess(), f.isSuccess() ? null : "TCP health check: " + f.cause().getMessage()));
            return;
        }
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, spec.path());
        req.headers().set(HttpHeaderNames.HOST, hostHeader);
        req.headers().set(HttpHeaderNames.USER_AGENT, "forecourt-health-check");
        if (inProcess) {
            Probes.mark(req.headers()); // the mark is this process's secret: never sent to an instance elsewhere
        }
        probe.exchange(loop, req, Body.EMPTY, new UpstreamCallback() {
            @Override
            public void onResponse(HttpResponse head, Body body) {
                int code = head.status().code();
                Body.drain(body, bytes -> done(bytes >= 0 && spec.matcher().matches(code),
                        "HTTP health check GET " + spec.path() + (bytes >= 0 ? " answered " + code : ": the response broke")));
            }

            @Override
            public void onFailure(ForecourtException failure) {
                done(false, "HTTP health check GET " + spec.path() + ": " + failure.getMessage());
            }
        });
    }

    private void done(boolean ok, String problem) {
        if (closed) {
            return;
        }
        boolean probation = onProbation && !instance.everChecked(); // a target's first check (ofTarget)
        if (ok) {
            int successes = instance.passed();
            if (!instance.healthy() && successes >= spec.healthyThreshold()) {
                log.info("service {} instance {} is healthy{}", service, instance.name(), proving ? "" : " again");
                proving = false;
                instance.checked(true, null);
                tell(true, null);
            } else if (instance.healthy()) {
                instance.checked(true, null);
            }
        } else {
            int failures = instance.failed();
            if (instance.healthy() && (failures >= spec.unhealthyThreshold() || probation)) {
                String why = probation ? "its first check failed" : "unhealthy after " + failures + " failed checks";
                log.warn("service {} instance {} is unhealthy: {}, last: {}", service, instance.name(), why, problem);
                instance.checked(false, why + ", last: " + problem);
                tell(false, problem);
            } else if (proving) {
                instance.checked(false, "not yet passed its health check: " + problem);
            }
        }
        long every = proving ? Math.min(PROVING_INTERVAL_MS, spec.interval().toMillis()) : spec.interval().toMillis();
        next = loop.schedule(this::check, every, TimeUnit.MILLISECONDS);
    }

    private void tell(boolean healthy, String problem) {
        if (verdicts != null) {
            verdicts.changed(healthy, problem);
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
        probe.close();
    }
}
