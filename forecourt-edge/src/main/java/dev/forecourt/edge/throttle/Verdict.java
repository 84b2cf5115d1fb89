package dev.forecourt.edge.throttle;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;

/**
 * A throttle's answer to one request: {@code allowed}, or throttled with the time after which one token will be
 * back ({@code retryAfterNanos}; 0 when allowed, {@link Long#MAX_VALUE} when the limit blocks every request).
 * The role answers a throttled request 429 {@code {"message":"Too Many Requests"}}; AWS sends no Retry-After, so
 * the hint is for trace notes and for a role that chooses to send one ({@link #retryAfterSeconds}).
 */
public record Verdict(boolean allowed, long retryAfterNanos) {
    public static final Verdict ALLOWED = new Verdict(true, 0);
    static final Verdict NEVER = new Verdict(false, Long.MAX_VALUE);

    /** Shared by every allowed local decision: the hot path allocates nothing. Not completable by a caller. */
    // completed CompletableFutures, not completedStage()s: a caller's toCompletableFuture() is then the same object,
    // where a minimal stage makes a new one per request
    static final CompletionStage<Verdict> ALLOWED_NOW = CompletableFuture.completedFuture(ALLOWED);
    static final CompletionStage<Verdict> NEVER_NOW = CompletableFuture.completedFuture(NEVER);

    /** The verdict of a bucket's {@code take}: {@code wait} 0 allowed, else nanoseconds to wait. */
    static Verdict of(long wait) {
        return wait == 0 ? ALLOWED : wait == Long.MAX_VALUE ? NEVER : new Verdict(false, Math.max(1, wait));
    }

    /** {@link #of}, as a stage already complete (allocating nothing when allowed). */
    static CompletionStage<Verdict> now(long wait) {
        if (wait == 0) {
            return ALLOWED_NOW;
        }
        return wait == Long.MAX_VALUE ? NEVER_NOW : CompletableFuture.completedFuture(of(wait));
    }

    /** Whole seconds to wait, rounded up (a Retry-After value); 0 when allowed. */
    public long retryAfterSeconds() {
        return retryAfterNanos == 0 ? 0 : (retryAfterNanos + 999_999_999L) / 1_000_000_000L;
    }
}
