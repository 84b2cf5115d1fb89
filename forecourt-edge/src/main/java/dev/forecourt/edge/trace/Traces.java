package dev.forecourt.edge.trace;

import dev.forecourt.http.RelayWatch;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process's traced requests, by trace id, in a bounded ring: the newest {@code capacity} traces, each at most
 * {@value #MAX_HOPS} hops (one process may play every hop of a request). What the admin listener serves as
 * {@code GET /traces/ID}. One per process, kept across reloads, so that a trace spanning a reload stays whole.
 *
 * <p>It also joins links to traces: a traced request about to go out from a local address is
 * {@linkplain #expect expected}, and the link that relays that address's bytes notes itself in the same trace
 * ({@link #watch}).
 */
public final class Traces {
    public static final int DEFAULT_CAPACITY = 256;
    static final int MAX_HOPS = 32;

    private final int capacity;
    private final InstantSource clock;
    private final LinkedHashMap<String, List<HopTrace>> ring;
    private final LinkWatches links;

    public Traces(int capacity, InstantSource clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a trace ring holds at least one trace, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.ring = new LinkedHashMap<>(capacity * 2) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<HopTrace>> eldest) {
                return size() > Traces.this.capacity;
            }
        };
        this.links = new LinkWatches(this);
    }

    public Traces() {
        this(DEFAULT_CAPACITY, InstantSource.system());
    }

    /** A new hop record, not yet in the ring: it joins a trace when its id is known ({@link #identified}). */
    public HopTrace open(String hop, String kind) {
        return new HopTrace(this, hop, kind, clock.instant(), System.nanoTime());
    }

    /** {@code hop} belongs to trace {@code traceId}: kept in the ring from now on. */
    public void identified(HopTrace hop, String traceId) {
        hop.traceId(traceId);
        synchronized (ring) {
            List<HopTrace> hops = ring.computeIfAbsent(traceId, id -> new ArrayList<>(4));
            if (hops.size() < MAX_HOPS) {
                hops.add(hop);
            }
        }
    }

    /** The hops of {@code traceId} in the order they began (outermost first), or an empty list. */
    public List<HopTrace> get(String traceId) {
        List<HopTrace> hops;
        synchronized (ring) {
            hops = ring.get(traceId);
            hops = hops == null ? new ArrayList<>() : new ArrayList<>(hops);
        }
        hops.sort(Comparator.comparingLong(HopTrace::startNanos));
        return hops;
    }

    /** The trace ids held, newest last. */
    public List<String> ids() {
        synchronized (ring) {
            return List.copyOf(ring.keySet());
        }
    }

    /** A traced request of {@code by} goes out from {@code from}: a link relaying from there notes itself in its trace. */
    public void expect(InetSocketAddress from, HopTrace by) {
        links.expect(from, by);
    }

    /** What a link named {@code hop} (e.g. {@code link/nlb}) gives its relay, to note itself in traces. */
    public RelayWatch watch(String hop) {
        return links.watch(hop);
    }
}
