package dev.forecourt.edge.process;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.upstream.UpstreamLeg;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code run:} service's instances, as the platform runs them (App Runner's half behind its Envoy): the revision
 * serving, and the end of the service's corridor, which sends each request to the ready instance answering the
 * fewest. Kept across reloads (its processes with it); a configuration hands it its {@link RunSpec} when it goes
 * live. Closing it drains and stops every instance.
 */
public final class Fleet implements Service, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    private static final Replica[] NONE = new Replica[0];

    final String service;
    final EventLoopGroup loops;
    private final Counter restarts;
    private final List<Revision> revisions = new ArrayList<>(); // the serving one last; older ones still stopping
    private Revision serving;
    private int numbered;
    private boolean closed;
    private volatile Replica[] ready = NONE;
    private final AtomicInteger turn = new AtomicInteger();

    public Fleet(String service, EventLoopGroup loops, Metrics metrics) {
        this.service = service;
        this.loops = loops;
        this.restarts = metrics.instanceRestarts(service);
    }

    /** Why an instance could outlive Forecourt on this machine (then none is started), or null. */
    public static String unguarded() {
        return Spawner.unguarded();
    }

    /** A configuration with {@code spec} is live: the first starts {@code min} instances; a changed one replaces them. */
    public synchronized void apply(RunSpec spec) {
        if (closed || serving != null && serving.spec.equals(spec)) {
            return; // unchanged: the running instances stay
        }
        Revision old = serving;
        serving = new Revision(this, ++numbered, spec);
        revisions.add(serving);
        log.info("service {}: revision {} starts {} instance(s) of {}{}", service, serving.number, spec.run().min(),
                spec.run().command(), old == null ? "" : "; revision " + old.number + " stops");
        serving.scaleTo(spec.run().min());
        if (old != null) {
            old.retire();
        }
        changed();
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        Replica r = pick(null);
        if (r == null) {
            return CompletableFuture.failedFuture(noneReady());
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        send(x, r, true, answer);
        return answer;
    }

    /** The ready instance answering the fewest requests (ties taken in turn), other than {@code not}. */
    private Replica pick(Replica not) {
        Replica[] rs = ready;
        int n = rs.length;
        Replica best = null;
        int start = n == 0 ? 0 : Math.floorMod(turn.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Replica c = rs[(start + i) % n];
            if (c != not && c.state == Replica.State.READY && (best == null || c.inFlight() < best.inFlight())) {
                best = c;
            }
        }
        return best;
    }

    private void send(Exchange x, Replica r, boolean mayRetry, CompletableFuture<Response> answer) {
        r.take();
        if (r.state != Replica.State.READY) { // it began draining between the pick and now: it must not get this one
            r.release();
            Replica other = pick(r);
            if (other == null) {
                answer.completeExceptionally(noneReady());
            } else {
                send(x, other, mayRetry, answer);
            }
            return;
        }
        CompletableFuture<Response> leg = new CompletableFuture<>();
        new UpstreamLeg(x, leg).sendTo(r.endpoint());
        leg.whenComplete((response, failure) -> {
            if (response != null) {
                answer.complete(new Response(response.head(), new BodyEnd(response.body(), r::release)));
                return;
            }
            r.release();
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            Replica other = mayRetry && cause instanceof ForecourtException fe
                    && fe.type() == ErrorType.UPSTREAM_CONNECT_FAILURE ? pick(r) : null;
            if (other != null) { // nothing was sent, so nothing repeats
                send(x, other, false, answer);
            } else {
                answer.completeExceptionally(cause);
            }
        });
    }

    private ForecourtException noneReady() {
        StringJoiner states = new StringJoiner("; ");
        synchronized (this) {
            for (Revision v : revisions) {
                for (Replica r : v.all()) {
                    states.add(r.name() + ": " + r.state.name().toLowerCase(Locale.ROOT)
                            + (r.instance.problem() == null ? "" : " (" + r.instance.problem() + ")"));
                }
                if (v.lastFailure() != null) {
                    states.add("last failure: " + v.lastFailure());
                }
            }
        }
        return new ForecourtException(ErrorType.NO_HEALTHY_UPSTREAM, "service '" + service + "' has no ready instance"
                + (states.length() == 0 ? "" : " (" + states + ")"));
    }

    /** Which instances take traffic changed: the serving revision's ready ones do. Under the lock. */
    void changed() {
        ready = serving == null ? NONE : serving.ready().toArray(NONE);
        revisions.removeIf(v -> v != serving && v.all().isEmpty());
    }

    void restarted() {
        restarts.increment();
    }

    /** Runs {@code action} on an event loop after {@code nanos}; nothing once Forecourt's loops have stopped. */
    void later(Runnable action, long nanos) {
        try {
            loops.next().schedule(action, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Forecourt is stopping: what was to happen no longer matters
        }
    }

    /** Instances in {@code state} over every revision still running. */
    synchronized int count(Replica.State state) {
        int n = 0;
        for (Revision v : revisions) {
            n += v.count(state);
        }
        return n;
    }

    /** {@code forecourt_instances{service,state}}: one gauge per state. */
    public List<Supplier<Meter>> gauges(Metrics metrics) {
        List<Supplier<Meter>> out = new ArrayList<>();
        for (Replica.State s : List.of(Replica.State.STARTING, Replica.State.READY, Replica.State.UNHEALTHY,
                Replica.State.DRAINING)) {
            out.add(() -> metrics.instances(service, s.name().toLowerCase(Locale.ROOT), () -> count(s)));
        }
        return out;
    }

    /** Drains and stops every instance, waiting (bounded by their drain timeouts) until their processes are gone. */
    @Override
    public void close() {
        List<Replica> all = new ArrayList<>();
        long waitNanos = 0;
        synchronized (this) {
            closed = true;
            for (Revision v : revisions) {
                v.retire();
                all.addAll(v.all());
                waitNanos = Math.max(waitNanos, v.spec.run().drainTimeout().multipliedBy(2).plusSeconds(5).toNanos());
            }
            serving = null;
            ready = NONE;
        }
        long deadline = System.nanoTime() + waitNanos;
        for (Replica r : all) {
            while (r.state != Replica.State.STOPPED && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
