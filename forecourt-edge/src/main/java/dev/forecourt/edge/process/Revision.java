package dev.forecourt.edge.process;

import dev.forecourt.edge.config.Durations;
import dev.forecourt.edge.upstream.InstanceHealth;
import dev.forecourt.http.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one {@link RunSpec}: keeps {@code target} of them running. A crash, an instance that fails its
 * health check once in service, or one that has not passed within {@code startTimeout} is replaced, after a backoff
 * that doubles with each failure in a row (from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}). Instances beyond
 * the target are drained and stopped. Every method runs under the fleet's lock unless it says otherwise.
 */
final class Revision {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** An instance that served this long before it crashed ends the run of failures: the next restart is quick. */
    private static final Duration STABLE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Revision.class);

    final int number;
    final RunSpec spec;
    private final Fleet fleet;
    private final List<Replica> replicas = new ArrayList<>(); // starting, ready or unhealthy: not yet let go
    private final List<Replica> leaving = new ArrayList<>();  // draining and stopping
    private int pending;        // starts scheduled or forking
    private int target;
    private int started;
    private int failures;       // in a row
    private long notBeforeNanos;
    private String lastFailure;
    private boolean retired;

    Revision(Fleet fleet, int number, RunSpec spec) {
        this.fleet = fleet;
        this.number = number;
        this.spec = spec;
    }

    String name() {
        return fleet.service + " revision " + number;
    }

    int target() {
        return target;
    }

    /** The last thing that went wrong with an instance of this revision, for explanations; null if nothing did. */
    String lastFailure() {
        return lastFailure;
    }

    /** Keeps {@code n} instances running (starting the missing ones, draining the surplus). */
    void scaleTo(int n) {
        target = n;
        reconcile();
    }

    /** Instances ready for traffic. */
    List<Replica> ready() {
        return replicas.stream().filter(r -> r.state == Replica.State.READY).toList();
    }

    int count(Replica.State state) {
        int n = 0;
        for (Replica r : replicas) if (r.state == state) n++;
        for (Replica r : leaving) if (r.state == state) n++;
        return state == Replica.State.STARTING ? n + pending : n;
    }

    /** No more instances: every one is drained and stopped (on threads of their own). */
    void retire() {
        retired = true;
        target = 0;
        new ArrayList<>(replicas).forEach(this::letGo);
    }

    /** Each instance and its state, those being started, and the last failure: why none may be ready. */
    void describe(java.util.StringJoiner out) {
        for (Replica r : all()) {
            out.add(r.name() + ": " + r.state.name().toLowerCase(java.util.Locale.ROOT)
                    + (r.instance.problem() == null ? "" : " (" + r.instance.problem() + ")"));
        }
        if (pending > 0) {
            out.add(pending + " being started");
        }
        if (lastFailure != null) {
            out.add("last failure: " + lastFailure);
        }
    }

    /** Nothing of it runs or is about to. */
    boolean gone() {
        return replicas.isEmpty() && leaving.isEmpty() && pending == 0;
    }

    /** Everything still running, for a stop at exit. */
    List<Replica> all() {
        List<Replica> all = new ArrayList<>(replicas);
        all.addAll(leaving);
        return all;
    }

    private void reconcile() {
        if (retired) {
            return;
        }
        int have = replicas.size() + pending;
        for (; have < target; have++) {
            pending++;
            long delay = Math.max(0, notBeforeNanos - System.nanoTime());
            fleet.later(() -> Thread.ofVirtual().start(this::launch), delay);
        }
        if (have > target) {
            // the surplus goes least useful first: not yet ready, then the ready ones answering the fewest requests
            List<Replica> order = new ArrayList<>(replicas);
            order.sort(Comparator.comparing((Replica r) -> r.state == Replica.State.READY)
                    .thenComparingInt(Replica::inFlight));
            for (int i = 0; i < have - target && i < order.size(); i++) {
                letGo(order.get(i));
            }
        }
    }

    /** Forks one instance (on a virtual thread: forking waits), then watches it. Not under the lock. */
    private void launch() {
        synchronized (fleet) {
            if (retired || replicas.size() + pending > target) {
                pending--; // scaled in before it started
                return;
            }
        }
        int port;
        ChildProcess child;
        String name;
        synchronized (fleet) {
            name = fleet.service + "-r" + number + "-" + ++started;
        }
        try {
            port = spec.run().port() == RunConfig.AUTO_PORT ? freePort() : spec.run().port();
            child = ChildProcess.start(name, spec.run(), spec.run().workingDir(), port);
        } catch (IOException e) {
            synchronized (fleet) {
                pending--;
                failed(null, name + " could not be started: " + e.getMessage());
            }
            return;
        }
        Endpoint endpoint = new Endpoint(name + "@127.0.0.1:" + port,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), spec.upstream());
        Replica[] self = new Replica[1];
        Replica r = new Replica(child, endpoint, InstanceHealth.unproven(),
                (healthy, problem) -> verdict(self[0], healthy, problem), fleet.service, spec, fleet.loops);
        self[0] = r;
        synchronized (fleet) {
            pending--;
            if (retired) {
                leaving.add(r);
                Thread.ofVirtual().name("stop-" + r.name()).start(() -> stopped(r));
                return;
            }
            replicas.add(r);
            reconcile(); // scaled in while it forked: the surplus goes now
            fleet.changed();
        }
        log.info("service {} instance {} started: pid {}, PORT={}", fleet.service, name, child.pid(), port);
        child.exited().thenRun(() -> exited(r));
        r.checkHealth();
        fleet.later(() -> startTimedOut(r), spec.run().startTimeout().toNanos());
    }

    private void verdict(Replica r, boolean healthy, String problem) {
        synchronized (fleet) {
            if (!replicas.contains(r)) {
                return;
            }
            if (healthy && r.state != Replica.State.READY) {
                r.state = Replica.State.READY;
                r.readyNanos = System.nanoTime();
                log.info("service {} instance {} is ready after {} ms", fleet.service, r.name(),
                        (r.readyNanos - r.startedNanos) / 1_000_000);
                fleet.changed();
            } else if (!healthy && r.state == Replica.State.READY) {
                r.state = Replica.State.UNHEALTHY;
                failed(r, r.name() + " failed its health check in service (" + problem + "); replacing it");
            }
        }
    }

    private void exited(Replica r) {
        synchronized (fleet) {
            if (!replicas.contains(r)) {
                return; // let go: its exit was asked for
            }
            String was = r.state == Replica.State.READY ? "in service" : "while starting";
            failed(r, r.name() + " exited " + was + " (" + r.child.status() + ")");
        }
    }

    private void startTimedOut(Replica r) {
        synchronized (fleet) {
            if (replicas.contains(r) && r.state == Replica.State.STARTING) {
                failed(r, r.name() + " did not pass its health check within startTimeout "
                        + Durations.text(spec.run().startTimeout()) + " (" + r.instance.problem() + ")");
            }
        }
    }

    /** An instance failed (or could not start): it goes, and a new one starts after the backoff. */
    private void failed(Replica r, String what) {
        long now = System.nanoTime();
        if (r != null && r.readyNanos != 0 && now - r.readyNanos > STABLE.toNanos()) {
            failures = 0;
        }
        failures++;
        lastFailure = what;
        long backoff = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failures - 1, 20));
        notBeforeNanos = now + backoff;
        fleet.restarted();
        if (r != null) {
            letGo(r);
        }
        log.warn("service {}: {}; {} in {} (failure {} in a row)", fleet.service, what,
                retired ? "not restarting: the revision is retired" : "starting another",
                Durations.text(Duration.ofNanos(backoff)), failures);
        fleet.changed();
        reconcile();
    }

    /** Out of rotation now; drained and stopped on a thread of its own. */
    private void letGo(Replica r) {
        replicas.remove(r);
        leaving.add(r);
        r.state = Replica.State.DRAINING;
        fleet.changed();
        Thread.ofVirtual().name("stop-" + r.name()).start(() -> stopped(r));
    }

    private void stopped(Replica r) {
        r.drainAndStop(spec.run().drainTimeout());
        synchronized (fleet) {
            leaving.remove(r);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
