package dev.forecourt.edge.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key set an authorizer verifies with, kept fresh: loaded at start, loaded again in the background when older than
 * the refresh interval (the keys in hand serve meanwhile) and when a token names a {@code kid} we don't know (key
 * rotation). Loads are rate-limited: at most one starts per {@code minFetchInterval}, whoever asks, and callers that
 * ask while one runs share it, so a stream of made-up {@code kid}s costs the identity provider one request per
 * interval. A load that fails keeps the keys we have (and is retried at that pace); a document that parses replaces
 * them.
 */
final class JwksCache {
    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final String authorizer;
    private final JwksLoader loader;
    /** The longest any load may take before it counts as failed (an HTTP loader has its own, shorter timeout). */
    static final Duration LOAD_BOUND = Duration.ofSeconds(30);
    private final InstantSource clock;
    private final Duration refreshInterval;
    private final Duration minFetchInterval;
    private final AtomicInteger loads = new AtomicInteger();
    private volatile SigningKeys keys = SigningKeys.NONE;
    private volatile Instant loadedAt;     // of the keys in hand; null: none yet
    private volatile String failure;       // why the last load failed; null after a success
    private volatile boolean closed;
    private Instant lastStart;             // guarded by this
    private CompletableFuture<SigningKeys> running; // guarded by this

    JwksCache(String authorizer, JwksLoader loader, InstantSource clock, Duration refreshInterval,
              Duration minFetchInterval) {
        this.authorizer = authorizer;
        this.loader = loader;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.minFetchInterval = minFetchInterval;
    }

    /** The keys in hand; when they are stale (or missing) this also starts a load, which the caller need not wait on. */
    SigningKeys current() {
        Instant at = loadedAt;
        if (at == null || !clock.instant().isBefore(at.plus(refreshInterval))) {
            refresh();
        }
        return keys;
    }

    /**
     * The keys after a load: the running one's, a new one's when the last started at least {@code minFetchInterval}
     * ago, or else at once the keys in hand. Never fails: a failed load completes with the keys in hand.
     */
    CompletableFuture<SigningKeys> refresh() {
        CompletableFuture<SigningKeys> result;
        synchronized (this) {
            if (running != null) return running;
            Instant now = clock.instant();
            if (lastStart != null && now.isBefore(lastStart.plus(minFetchInterval))) {
                return CompletableFuture.completedFuture(keys);
            }
            lastStart = now;
            result = running = new CompletableFuture<>();
        }
        loads.incrementAndGet();
        CompletableFuture<String> load;
        try {
            load = loader.load();
        } catch (RuntimeException e) {
            load = CompletableFuture.failedFuture(e);
        }
        // any loader, a file on a hung mount too, is given up in the end: a load that never ends would stop every refresh
        load.orTimeout(LOAD_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((text, error) -> finish(result, text, error));
        return result;
    }

    private void finish(CompletableFuture<SigningKeys> result, String text, Throwable error) {
        if (error != null) {
            failed(message(error));
        } else {
            try {
                loaded(SigningKeys.parse(text));
            } catch (java.text.ParseException | RuntimeException e) {
                failed("not a JWKS document: " + e.getMessage());
            }
        }
        synchronized (this) {
            running = null;
        }
        result.complete(keys);
    }

    private void loaded(SigningKeys loaded) {
        keys = loaded;
        loadedAt = clock.instant();
        failure = null;
        log.info("authorizer {}: {} signing key(s) from {}{}", authorizer, loaded.size(), loader.where(),
                loaded.skipped().isEmpty() ? "" : ", left out: " + String.join(", ", loaded.skipped()));
    }

    private void failed(String why) {
        if (closed) {
            // cancelled by the close: nothing to tell
        } else if (failure == null) {
            log.warn("authorizer {}: keys from {} could not be loaded ({}); {}", authorizer, loader.where(), why,
                    keys.isEmpty() ? "tokens are refused until they can" : "the keys in hand serve meanwhile");
        } else {
            log.debug("authorizer {}: keys from {} still fail: {}", authorizer, loader.where(), why);
        }
        failure = why;
    }

    private static String message(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Loads that end after this (cancelled by the owner's close) are not worth a warning. */
    void close() {
        closed = true;
    }

    /** Why the last load failed, or null when it succeeded (or none ended yet). */
    String failure() {
        return failure;
    }

    String where() {
        return loader.where();
    }

    /** Whether a load is under way (tests wait for its end). */
    synchronized boolean loading() {
        return running != null;
    }

    /** Loads started since the start (tests count fetches with it). */
    int loads() {
        return loads.get();
    }
}
