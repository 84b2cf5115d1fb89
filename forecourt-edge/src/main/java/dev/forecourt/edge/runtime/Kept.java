package dev.forecourt.edge.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What outlives a reload: a resource a generation asks for by key and spec (a distribution's cache and its
 * configuration, an instance's health and its address) is the one the running generation has when the spec is
 * unchanged, else made anew. nginx keeps its
 * cache zones across a reload in the same way; a reload that started every cache cold, with a second disk tier
 * indexing a directory the old one still wrote to, would be a cold start in disguise.
 *
 * <pre>
 *   begin() ─▶ keep(key, spec, make)… ─▶ commit(): what the new generation no longer asks for, to close after drain
 *                                    └─▶ abort():  the new generation failed; what only it made is closed now
 * </pre>
 * One generation is built at a time (Forecourt's reload is synchronized).
 */
public final class Kept implements AutoCloseable {
    private record Entry(Object spec, Object value) {}

    /** How long a stop's close waits in all for what waits as it closes (every connection is closed by then). */
    static final Duration CLOSED_WITHIN = Duration.ofSeconds(2);

    /**
     * What wants to know at once that a reload's new generation no longer asks for it (a link's target: its
     * deregistration delay starts as the reload takes effect), not only when it is closed, once the old one retires.
     */
    public interface Dropped {
        void dropped();
    }

    /**
     * What, when closed, may wait a while on something else (a connection log, for the records of the connections
     * still open on its relays): a stop gives everything it closes one deadline in all ({@link #close(Duration)}), not
     * each its own.
     */
    public interface ClosesBy {
        /** Closes, waiting for what it waits for until {@code deadlineNanos} (System.nanoTime) at most. */
        void closeBy(long deadlineNanos);
    }

    /** Tells {@code o} it was dropped, if it asks ({@link Dropped}); a failure there stops no reload. */
    static void tellDropped(Object o) {
        if (o instanceof Dropped d) {
            try {
                d.dropped();
            } catch (RuntimeException ignored) {
                // the reload has taken effect whatever one of them failed on: nothing to undo, and the others are told
            }
        }
    }

    private Map<String, Entry> live = new HashMap<>();
    private Map<String, Entry> next;

    synchronized void begin() {
        next = new HashMap<>();
    }

    /**
     * The resource for {@code key}: the one this generation already took (several routes share one throttle), else the
     * running generation's if its spec equals {@code spec}, else a new one.
     */
    @SuppressWarnings("unchecked")
    synchronized <T> T keep(String key, Object spec, Supplier<T> make) {
        Entry e = next.get(key);
        if (e != null) {
            if (!Objects.equals(e.spec(), spec)) {
                throw new IllegalStateException("'" + key + "' is kept twice in one configuration with different specs: "
                        + e.spec() + " and " + spec);
            }
            return (T) e.value();
        }
        e = live.get(key);
        if (e == null || !Objects.equals(e.spec(), spec)) { // a null spec: "none", equal to itself
            e = new Entry(spec, make.get());
        }
        next.put(key, e);
        return (T) e.value();
    }

    /** The new generation runs: returns what the old one had and the new one does not use (close after drain). */
    synchronized List<Object> commit() {
        List<Object> dropped = new ArrayList<>();
        live.forEach((k, e) -> {
            if (next.get(k) != e) dropped.add(e.value());
        });
        live = next;
        next = null;
        return dropped;
    }

    /** The new generation could not be built or bound: what only it made is closed; the running one keeps its own. */
    synchronized void abort() {
        if (next != null) {
            next.forEach((k, e) -> {
                if (live.get(k) != e) closeQuietly(e.value());
            });
            next = null;
        }
    }

    /** As a stop closes it: {@link #close(Duration)} within {@link #CLOSED_WITHIN}. */
    @Override
    public void close() {
        close(CLOSED_WITHIN);
    }

    /** Closes everything; what waits as it closes ({@link ClosesBy}) waits {@code within} in all. */
    public synchronized void close(Duration within) {
        abort();
        long deadline = System.nanoTime() + within.toNanos();
        live.values().forEach(e -> closeQuietly(e.value(), deadline));
        live = new HashMap<>();
    }

    /** Closes what can be closed (a cache); plain state (an instance's health) is just let go. */
    public static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            quietly(c);
        }
    }

    /** {@link #closeQuietly(Object)}, what waits as it closes ({@link ClosesBy}) by {@code deadlineNanos} (nanoTime). */
    public static void closeQuietly(Object o, long deadlineNanos) {
        if (o instanceof ClosesBy c) {
            quietly(() -> c.closeBy(deadlineNanos));
        } else {
            closeQuietly(o);
        }
    }

    private static void quietly(AutoCloseable closing) {
        try {
            closing.close();
        } catch (Exception ignored) {
            // closing what is already broken
        }
    }
}
