package dev.forecourt.edge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One distribution's store of responses: a memory tier within a byte budget, over an optional disk tier that
 * survives restarts; the misses in flight (so that concurrent misses for one key make one origin request); and
 * invalidation, by url or by path pattern.
 */
public final class HttpCache implements AutoCloseable {
    private final MemoryTier memory;
    private final DiskTier disk;
    private final long maxObjectBytes;
    private final InflightBudget inflight;
    private final InstantSource clock;
    private final boolean memoryFiles; // large bodies in memory-backed files (no disk tier, sendfile on the listener)
    private final ConcurrentHashMap<CacheKey, Flight> flights = new ConcurrentHashMap<>();

    /**
     * A miss in flight for one key, as one caller sees it: it {@code leads} (and must {@link #land} it) or waits for
     * {@code landed}. One that outlives {@link #FLIGHT_MAX_NANOS} is presumed lost and another may lead.
     */
    record Flight(CacheKey key, CompletableFuture<Void> landed, long startNanos, boolean leads) {}

    /** Longer than a waiter waits (5 s): a leader whose answer was never read must not hold its key forever. */
    private static final long FLIGHT_MAX_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    /**
     * {@code disk} may be null (memory only). {@code clock}: what freshness is judged by (the system's; a test's that
     * it moves on). {@code sendsFiles}: its answers go out on loops that send files whole (sendfile), so a memory tier
     * alone keeps large bodies in memory-backed files; elsewhere (io_uring) they would be sent from memory anyway, and
     * stay plain buffers.
     */
    public HttpCache(long memoryBytes, long maxObjectBytes, DiskTier disk, InstantSource clock, boolean sendsFiles) {
        this.clock = clock;
        this.memoryFiles = disk == null && sendsFiles;
        this.memory = new MemoryTier(memoryBytes);
        this.disk = disk;
        this.maxObjectBytes = maxObjectBytes;
        this.inflight = new InflightBudget(memoryBytes); // copies in flight: at most one memory tier more
    }

    /** Now, in epoch milliseconds, as freshness is judged. */
    long now() {
        return clock.millis();
    }

    /** The budget that the copies of misses in flight share. */
    InflightBudget inflight() {
        return inflight;
    }

    /** Bytes the misses in flight hold as copies for the store now. */
    public long inflightBytes() {
        return inflight.used();
    }

    long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** The disk tier, or null (memory only). */
    public DiskTier disk() {
        return disk;
    }

    /** The stored response in memory for a request, or null. */
    CachedResponse find(CacheKey key, HttpHeaders request) {
        return memory.find(key.url(), key.variant(), request);
    }

    /** Whether the disk tier holds a response for this request (the index says so; nothing is read). */
    boolean onDisk(CacheKey key, HttpHeaders request) {
        return disk != null && disk.has(key.url(), key.variant(), request);
    }

    /** Reads the response for this request from disk, off the event loop, into memory; completes when done. */
    CompletableFuture<Void> loadFromDisk(CacheKey key, HttpHeaders request) {
        return disk.load(key.url(), key.variant(), request).thenAccept(r -> {
            if (r != null) {
                memory.put(key.url(), r);
            }
        });
    }

    /**
     * Keeps {@code r} (the cache takes its body's reference). Without a disk tier (whose files take large bodies), a
     * large body moves into a memory-backed file, to be sent with sendfile, where the listener sends files.
     */
    void store(String url, CachedResponse r) {
        if (disk == null) {
            ByteBuf moved = memoryFiles ? MemoryFileBuffer.of(r.body) : r.body;
            memory.put(url, r.withBody(moved instanceof MemoryFileBuffer ? moved : trimmed(moved)));
            return;
        }
        CachedResponse kept = r.withBody(trimmed(r.body));
        ByteBuf forDisk = kept.body.retainedDuplicate(); // before memory may drop it
        memory.put(url, kept);
        disk.write(url, kept, forDisk, inFile -> memory.replace(url, kept, inFile));
    }

    /** A body as it grew by doubling is kept at its size (one copy) when more than an eighth of it is spare. */
    private static ByteBuf trimmed(ByteBuf b) {
        if (b.capacity() - b.readableBytes() > b.readableBytes() / 8) {
            b.capacity(b.readableBytes());
        }
        return b;
    }

    /** Replaces a stored response by its freshened self (after a 304). */
    void freshen(String url, CachedResponse old, CachedResponse updated) {
        ByteBuf forDisk = disk == null || updated.file != null ? null : updated.body.retainedDuplicate();
        memory.replace(url, old, updated);
        if (disk != null) {
            disk.write(url, updated, forDisk, inFile -> memory.replace(url, updated, inFile));
        }
    }

    /** Drops one stored response from memory (its body is gone from disk, or it was replaced). */
    void forget(String url, CachedResponse r) {
        memory.remove(url, r);
    }

    /** Drops every variant stored for a url (host + path + query). */
    void invalidate(String url) {
        memory.remove(url);
        if (disk != null) {
            disk.remove(url::equals);
        }
    }

    /**
     * Drops what the admin invalidation names: paths, each exact or ending in {@code *} (a prefix), matching every
     * host and query string; returns how many urls went.
     */
    public int invalidate(List<String> paths) {
        java.util.function.Predicate<String> match = url -> {
            String path = url.substring(Math.max(0, url.indexOf('/')));
            int q = path.indexOf('?');
            String bare = q < 0 ? path : path.substring(0, q);
            for (String p : paths) {
                if (p.endsWith("*") ? path.startsWith(p.substring(0, p.length() - 1)) : bare.equals(p)) {
                    return true;
                }
            }
            return false;
        };
        int n = memory.removeIf(match);
        if (disk != null) {
            n = Math.max(n, disk.remove(match));
        }
        return n;
    }

    /** Joins the miss in flight for {@code key}, leading it if there is none (or only a lost one). */
    Flight join(CacheKey key) {
        long now = System.nanoTime();
        Flight mine = new Flight(key, new CompletableFuture<>(), now, true);
        Flight current = flights.compute(key, (k, f) -> f == null || now - f.startNanos() > FLIGHT_MAX_NANOS ? mine : f);
        return current == mine ? mine : new Flight(key, current.landed(), current.startNanos(), false);
    }

    /** A leader's miss is over (stored or not): its waiters may look again. Only its own flight is removed. */
    void land(Flight f) {
        if (f != null && f.leads()) {
            flights.remove(f.key(), f);
            f.landed().complete(null);
        }
    }

    public long memoryBytes() {
        return memory.bytes();
    }

    @Override
    public void close() {
        memory.clear(); // the disk tier is not this cache's to close: it is kept by its directory, across reloads
        // that change the memory tier, so that one directory never has two tiers indexing and evicting it
        flights.values().forEach(f -> f.landed().complete(null));
    }
}
