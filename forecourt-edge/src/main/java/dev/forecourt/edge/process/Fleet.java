package dev.forecourt.edge.process;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.config.Durations;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.upstream.UpstreamLeg;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code run:} service's instances, as the platform runs them (App Runner's half behind its Envoy), and the end of
 * the service's corridor. A request goes to the ready instance answering the fewest while the instances have room
 * ({@code maxConcurrency} each); beyond that it waits in a {@link Backlog} (at most {@code max × maxConcurrency}
 * requests, each at most {@code connectTimeout}: then {@code 429 throttled}, or {@code 503 overloaded}), and the
 * {@link Autoscaler} adds instances as soon as a request finds them short, and removes them after a cool-down.
 * Kept across reloads (its processes with it); a configuration hands it its {@link RunSpec} when it goes live, and a
 * changed one is deployed: a new revision starts beside the serving one and takes the traffic once all its instances
 * are ready, or is rolled back when they are not within {@code startTimeout}. Closing it drains and stops every
 * instance.
 */
public final class Fleet implements Service, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    private static final Replica[] NONE = new Replica[0];
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int HISTORY = 10;

    final String service;
    final EventLoopGroup loops;
    private final Counter restarts;
    private final List<Revision> revisions = new ArrayList<>(); // the serving one, and older ones still stopping
    private final Backlog backlog = new Backlog();
    private final AtomicInteger inFlight = new AtomicInteger();   // sent to an instance, response not yet over
    private final AtomicInteger peak = new AtomicInteger();       // the highest demand since the last tick
    private final AtomicInteger turn = new AtomicInteger();
    private final List<Deployment> history = new ArrayList<>(); // the latest HISTORY, oldest first
    private Revision serving;
    private Revision deploying;     // a new revision starting beside the serving one
    private Autoscaler scaler;
    private int numbered;
    private boolean closed;
    private ScheduledFuture<?> ticker;
    private volatile Replica[] ready = NONE;
    private volatile int capacity;   // what the ready instances take at once
    private volatile int planned = Integer.MAX_VALUE; // what the instances wanted (ready or not) take: beyond, scale out

    public Fleet(String service, EventLoopGroup loops, Metrics metrics) {
        this.service = service;
        this.loops = loops;
        this.restarts = metrics.instanceRestarts(service);
    }

    /** Why an instance could outlive Forecourt on this machine (then none is started), or null. */
    public static String unguarded() {
        return Spawner.unguarded();
    }

    /**
     * A configuration with {@code spec} is live: the first starts {@code min} instances; a changed one is deployed
     * beside the revision serving, which keeps serving until the new one's instances are ready.
     */
    public synchronized void apply(RunSpec spec) {
        if (closed) {
            return;
        }
        if (serving == null) {
            serving = new Revision(this, ++numbered, spec);
            revisions.add(serving);
            scaler = new Autoscaler(spec.run(), System.nanoTime());
            log.info("service {}: revision {} starts {} instance(s) of {}", service, serving.number, spec.run().min(),
                    spec.run().command());
            record(new Deployment(serving.number, "started", Instant.now(), "serving", null));
            serving.scaleTo(spec.run().min());
            ticker = loops.next().scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
            changed();
            return;
        }
        if ((deploying != null ? deploying : serving).spec.equals(spec)) {
            return; // unchanged: the running instances stay
        }
        if (deploying != null) {
            abandon("superseded by a newer configuration");
        }
        if (!serving.spec.equals(spec)) {
            deploy(spec, "configuration changed");
        }
    }

    /** A new revision of the running configuration ({@code POST /services/NAME/deployments}); its number, or -1. */
    public synchronized int redeploy() {
        if (closed || serving == null) {
            return -1;
        }
        if (deploying != null) {
            abandon("superseded by a deployment requested on the admin listener");
        }
        deploy(serving.spec, "requested on the admin listener");
        return deploying.number;
    }

    /** The latest deployments, oldest first. */
    public synchronized List<Deployment> deployments() {
        return List.copyOf(history);
    }

    private void deploy(RunSpec spec, String cause) {
        RunConfig run = spec.run();
        deploying = new Revision(this, ++numbered, spec);
        revisions.add(deploying);
        int count = Math.min(run.max(), Math.max(serving.target(), run.min())); // as many as serve now
        log.info("service {}: deploying revision {} ({}): {} instance(s) of {} start beside revision {}, which serves"
                + " until they are ready (startTimeout {})", service, deploying.number, cause, count, run.command(),
                serving.number, Durations.text(run.startTimeout()));
        record(new Deployment(deploying.number, cause, Instant.now(), "deploying", null));
        deploying.scaleTo(count);
        Revision r = deploying;
        later(() -> timedOut(r), run.startTimeout().toNanos());
    }

    private synchronized void timedOut(Revision r) {
        if (deploying != r) {
            return; // it serves, or was given up
        }
        StringJoiner states = new StringJoiner("; ");
        r.describe(states);
        abandon("rolled back", "its instances did not all pass their health check within startTimeout "
                + Durations.text(r.spec.run().startTimeout()) + " (" + r.ready().size() + " of " + r.target()
                + " ready: " + states + ")");
    }

    private void abandon(String why) {
        abandon("superseded", why);
    }

    /** The revision deploying is given up (its instances stopped); the one serving never stopped. */
    private void abandon(String status, String why) {
        Revision r = deploying;
        deploying = null;
        log.warn("service {}: revision {} {}: {}; revision {} keeps serving", service, r.number, status, why,
                serving.number);
        update(r.number, status, why);
        r.retire();
    }

    /** The revision deploying is ready whole: traffic moves to it, and the one that served drains. */
    private void promote() {
        Revision old = serving;
        serving = deploying;
        deploying = null;
        scaler = new Autoscaler(serving.spec.run(), System.nanoTime());
        log.info("service {}: revision {} is ready ({} instance(s)): traffic moves to it; revision {} drains",
                service, serving.number, serving.ready().size(), old.number);
        update(serving.number, "serving", null);
        update(old.number, "replaced", "by revision " + serving.number);
        if (old.target() > serving.target()) { // it scaled out while the new one started
            serving.scaleTo(Math.min(serving.spec.run().max(), old.target()));
        }
        old.retire();
    }

    private void record(Deployment d) {
        history.add(d);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    private void update(int revision, String status, String detail) {
        history.replaceAll(d -> d.revision() == revision ? d.with(status, detail) : d);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        int demand = inFlight.incrementAndGet() + backlog.size();
        peak.accumulateAndGet(demand, Math::max);
        if (demand > planned) {
            scaleFor(demand);
        }
        if (backlog.size() == 0 && inFlight.get() <= capacity) {
            send(x, answer);
        } else {
            inFlight.decrementAndGet(); // no room: it waits without its place
            synchronized (this) {
                enqueue(x, answer);
            }
        }
        return answer;
    }

    /** Sends a request that holds its place in {@link #inFlight} to the ready instance answering the fewest. */
    private void send(Exchange x, CompletableFuture<Response> answer) {
        send(x, pick(null), true, answer);
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

    /** ... to {@code r} (none ready: null). */
    private void send(Exchange x, Replica r, boolean mayRetry, CompletableFuture<Response> answer) {
        if (r == null) {
            inFlight.decrementAndGet();
            answer.completeExceptionally(noneReady());
            return;
        }
        r.take();
        if (r.state != Replica.State.READY) { // it began draining between the pick and now: it must not get this one
            r.release();
            send(x, pick(r), mayRetry, answer);
            return;
        }
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.note(Phase.DECIDED, "instance " + r.name() + " of service '" + service + "' (pid " + r.child.pid()
                    + ", " + r.inFlight() + " in flight there, " + ready.length + " ready)");
        }
        CompletableFuture<Response> leg = new CompletableFuture<>();
        new UpstreamLeg(x, leg).sendTo(r.endpoint());
        leg.whenComplete((response, failure) -> {
            if (response != null) {
                answer.complete(new Response(response.head(), new BodyEnd(response.body(), () -> done(r))));
                return;
            }
            r.release();
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            Replica other = mayRetry && cause instanceof ForecourtException fe
                    && fe.type() == ErrorType.UPSTREAM_CONNECT_FAILURE ? pick(r) : null;
            if (other != null) { // nothing was sent, so nothing repeats
                send(x, other, false, answer);
            } else {
                done(null);
                answer.completeExceptionally(cause);
            }
        });
    }

    /** A request's response is over (or failed): its place goes to the next one waiting. */
    private void done(Replica r) {
        if (r != null) {
            r.release();
        }
        inFlight.decrementAndGet();
        if (backlog.size() > 0) {
            synchronized (this) {
                dispatchWaiting();
            }
        }
    }

    // ---- under the lock ----

    private void enqueue(Exchange x, CompletableFuture<Response> answer) {
        if (closed || serving == null) {
            answer.completeExceptionally(noneReady());
            return;
        }
        RunConfig run = serving.spec.run();
        Backlog.Waiting w = new Backlog.Waiting(x, answer, System.nanoTime());
        if (!backlog.add(w, run.max() * run.maxConcurrency())) {
            answer.completeExceptionally(new ForecourtException(ErrorType.THROTTLED, "service '" + service + "' is at"
                    + " capacity: " + ready.length + " ready instance(s) answer up to maxConcurrency "
                    + run.maxConcurrency() + " requests each, and " + backlog.size() + " more wait for one (the most"
                    + " that may: max " + run.max() + " × maxConcurrency); it scales out up to max"));
            return;
        }
        long wait = serving.spec.upstream().connectTimeout().toNanos();
        x.eventLoop().schedule(() -> expire(w), wait, TimeUnit.NANOSECONDS);
        x.whenClientGone(() -> { // answered all the same: the hop counts it in flight until it is
            boolean left;
            synchronized (this) {
                left = backlog.remove(w);
            }
            if (left) {
                answer.completeExceptionally(new ForecourtException(ErrorType.OVERLOADED, "the client left while"
                        + " this request waited for an instance of service '" + service + "'"));
            }
        });
        dispatchWaiting();
    }

    /** Hands waiting requests to the ready instances while they have room. */
    private void dispatchWaiting() {
        while (backlog.size() > 0 && inFlight.get() < capacity) {
            Backlog.Waiting w = backlog.poll();
            inFlight.incrementAndGet();
            w.exchange().eventLoop().execute(() -> send(w.exchange(), w.answer()));
        }
    }

    private void expire(Backlog.Waiting w) {
        ForecourtException why;
        synchronized (this) {
            if (!backlog.remove(w)) {
                return; // it was sent, or its client left
            }
            why = ready.length == 0 ? noneReady() : new ForecourtException(ErrorType.OVERLOADED, "service '" + service
                    + "' had no room for this request within connectTimeout "
                    + Durations.text(serving == null ? java.time.Duration.ZERO : serving.spec.upstream().connectTimeout())
                    + ": its " + ready.length + " ready instance(s) each answered maxConcurrency requests");
        }
        w.answer().completeExceptionally(why);
    }

    /** Demand beyond what the instances wanted will take: more instances, now. */
    private synchronized void scaleFor(int demand) {
        if (serving != null && !closed) {
            scaleTo(scaler.onArrival(demand, serving.target(), System.nanoTime()), demand);
        }
    }

    private synchronized void tick() {
        if (serving == null || closed) {
            return;
        }
        int demand = inFlight.get() + backlog.size();
        int seen = Math.max(peak.getAndSet(demand), demand);
        scaleTo(scaler.onTick(seen, serving.target(), System.nanoTime()), seen);
        dispatchWaiting();
    }

    private void scaleTo(int count, int demand) {
        int was = serving.target();
        if (count == was) {
            return;
        }
        RunConfig run = serving.spec.run();
        if (count > was) {
            log.info("service {}: scaling out {} -> {} instances: {} requests in flight or waiting, more than {} × "
                    + "maxConcurrency {}", service, was, count, demand, was, run.maxConcurrency());
        } else {
            log.info("service {}: scaling in {} -> {} instances: at most {} requests in flight or waiting for cooldown {}",
                    service, was, count, scaler.cooldownPeak(), Durations.text(run.cooldown()));
        }
        serving.scaleTo(count);
        planned = planned(serving);
    }

    /** The demand beyond which a request asks for more instances: none once the revision runs its max. */
    private static int planned(Revision v) {
        RunConfig run = v.spec.run();
        return v.target() >= run.max() ? Integer.MAX_VALUE : v.target() * run.maxConcurrency();
    }

    private ForecourtException noneReady() {
        StringJoiner states = new StringJoiner("; ");
        synchronized (this) {
            revisions.forEach(v -> v.describe(states));
        }
        return new ForecourtException(ErrorType.NO_HEALTHY_UPSTREAM, "service '" + service + "' has no ready instance"
                + (states.length() == 0 ? "" : " (" + states + ")"));
    }

    /**
     * Which instances take traffic changed: the serving revision's ready ones do (the deploying one's once all its
     * instances are ready); waiting requests may go.
     */
    void changed() {
        if (deploying != null && deploying.target() > 0 && deploying.ready().size() >= deploying.target()) {
            promote();
        }
        ready = serving == null ? NONE : serving.ready().toArray(NONE);
        int concurrency = serving == null ? 0 : serving.spec.run().maxConcurrency();
        capacity = ready.length * concurrency;
        planned = serving == null ? Integer.MAX_VALUE : planned(serving);
        revisions.removeIf(v -> v != serving && v != deploying && v.gone());
        dispatchWaiting();
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

    /**
     * {@code forecourt_instances{service,state}}, one gauge per state, and {@code forecourt_run_requests{service,state}}
     * (in flight, waiting).
     */
    public List<Supplier<Meter>> gauges(Metrics metrics) {
        List<Supplier<Meter>> out = new ArrayList<>();
        out.add(() -> metrics.runRequests(service, "in_flight", inFlight::get));
        out.add(() -> metrics.runRequests(service, "waiting", backlog::size));
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
        List<Backlog.Waiting> waiting;
        long waitNanos = 0;
        synchronized (this) {
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            for (Revision v : revisions) {
                v.retire();
                all.addAll(v.all());
                waitNanos = Math.max(waitNanos, v.spec.run().drainTimeout().multipliedBy(2).plusSeconds(5).toNanos());
            }
            waiting = backlog.clear();
            serving = null;
            deploying = null;
            ready = NONE;
            capacity = 0;
        }
        ForecourtException gone = new ForecourtException(ErrorType.NO_HEALTHY_UPSTREAM, "service '" + service
                + "' is stopping: its instances are drained and stopped");
        waiting.forEach(w -> w.answer().completeExceptionally(gone));
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
