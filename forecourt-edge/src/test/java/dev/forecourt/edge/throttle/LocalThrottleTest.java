package dev.forecourt.edge.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Local buckets on a clock the test moves: AWS's token bucket exactly, bounded memory, nothing allocated per take. */
class LocalThrottleTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private static final long BUDGET = 200_000;
    private final LocalThrottle throttle = new LocalThrottle(nanos::get, BUDGET);

    @Test
    void aNewBucketIsFullAndHoldsExactlyTheBurst() {
        Limit limit = new Limit(10, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.take("k", limit)).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(throttle.take("k", limit)).as("one more: wait for the next token, 1/rate").isEqualTo(100 * MS);
        nanos.addAndGet(100 * MS - 1);
        assertThat(throttle.take("k", limit)).as("a nanosecond early").isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(throttle.take("k", limit)).as("a token is back").isZero();
        assertThat(throttle.take("k", limit)).isPositive();
    }

    @Test
    void overTenSecondsTheBurstPlusRateTimesTimePassExactly() {
        Limit limit = new Limit(10, 5);
        int allowed = 0;
        for (int ms = 0; ms <= 10_000; ms++) { // a request every millisecond, 100 times the rate, for 10 s, ends included
            if (throttle.take("k", limit) == 0) {
                allowed++;
            }
            nanos.addAndGet(MS);
        }
        assertThat(allowed).isEqualTo(5 + 10 * 10);
    }

    @Test
    void aFractionalRateRefillsOneTokenPerIntervalAndTheBucketNeverHoldsMoreThanTheBurst() {
        Limit limit = new Limit(0.5, 2);
        nanos.addAndGet(3_600_000 * MS); // an hour idle: still only 2
        assertThat(throttle.take("k", limit)).isZero();
        assertThat(throttle.take("k", limit)).isZero();
        assertThat(throttle.take("k", limit)).isEqualTo(2_000 * MS);
        nanos.addAndGet(2_000 * MS);
        assertThat(throttle.take("k", limit)).isZero();
        assertThat(throttle.take("k", limit)).isPositive();
    }

    @Test
    void aLimitOfZeroThrottlesEverythingAndKeysAreApart() {
        assertThat(throttle.take("k", new Limit(0, 100))).isEqualTo(Long.MAX_VALUE);
        assertThat(throttle.take("k", new Limit(100, 0))).isEqualTo(Long.MAX_VALUE);
        Verdict never = throttle.tryTake("k", new Limit(0, 0), Runnable::run).toCompletableFuture().getNow(null);
        assertThat(never.allowed()).isFalse();
        Limit one = new Limit(1, 1);
        assertThat(throttle.take("client-a", one)).isZero();
        assertThat(throttle.take("client-a", one)).isPositive();
        assertThat(throttle.take("client-b", one)).as("another key, another bucket").isZero();
        assertThatThrownBy(() -> new Limit(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStageIsCompleteAtOnceWithTheVerdict() {
        Limit limit = new Limit(1, 1);
        Verdict first = throttle.tryTake("k", limit, r -> { throw new AssertionError("no executor for local"); })
                .toCompletableFuture().getNow(null);
        Verdict second = throttle.tryTake("k", limit, Runnable::run).toCompletableFuture().getNow(null);
        assertThat(first).isSameAs(Verdict.ALLOWED);
        assertThat(second.allowed()).isFalse();
        assertThat(second.retryAfterNanos()).isEqualTo(1_000 * MS);
        assertThat(second.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void manyKeysAreBoundedByTheBudgetLongKeysTheMoreSo() {
        Limit limit = new Limit(1, 10); // the clock stands still: every key would be remembered
        for (int i = 0; i < 100_000; i++) {
            throttle.take("client-" + i, limit);
        }
        assertThat(throttle.weight()).isLessThanOrEqualTo(BUDGET);
        assertThat(throttle.size()).isLessThanOrEqualTo(BUDGET / (LocalThrottle.BUCKET_BYTES + 8)).isGreaterThan(500);
        String header = "x".repeat(10_000); // a per-client key from a header of any length
        for (int i = 0; i < 1_000; i++) {
            throttle.take(header + i, limit);
        }
        assertThat(throttle.weight()).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void aKeyIsForgottenOnlyOnceItsBucketWouldBeFullAgainAndALingerHasPassed() {
        Limit limit = new Limit(1, 5);
        long linger = LocalThrottle.LINGER / MS;
        for (int i = 0; i < 5; i++) {
            throttle.take("drained", limit);
        }
        throttle.take("one", limit);
        nanos.addAndGet(4_900 * MS);
        assertThat(throttle.size()).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.take("drained", limit)).as("4.9 s after it was drained, token %d of 4", i + 1).isZero();
        }
        assertThat(throttle.take("drained", limit)).as("it was remembered: 4 tokens, not a new bucket's 5").isPositive();
        // 'one' was full again at 1 s, 'drained' will be at 9 s; each is kept one interval more, and the linger
        nanos.addAndGet((linger - 4_900 + 2_000 + 1) * MS);
        assertThat(throttle.size()).as("'one' forgotten, 'drained' kept").isEqualTo(1);
        assertThat(throttle.take("drained", limit)).as("still remembered (and full)").isZero();
        nanos.addAndGet((linger + 2_000) * MS);
        assertThat(throttle.size()).isZero();
    }

    @Test
    void concurrentTakesOnOneKeyPassExactlyTheBurst() throws Exception {
        Limit limit = new Limit(1, 1_000);
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5_000; i++) {
                    if (throttle.take("hot", limit) == 0) {
                        allowed.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        for (Thread t : threads) {
            assertThat(t.join(java.time.Duration.ofSeconds(30))).isTrue();
        }
        assertThat(allowed.get()).isEqualTo(1_000);
    }

    @Test
    void aTakeOnAKnownKeyAllocatesNothing() {
        Limit limit = new Limit(1e6, 10);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 200_000; i++) { // warm up (and let the JIT see it)
            nanos.addAndGet(1_000);
            throttle.tryTake("known", limit, Runnable::run);
        }
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            nanos.addAndGet(1_000);
            throttle.tryTake("known", limit, Runnable::run);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // one object per take would be >= 1.6 MB; what remains is the JIT's and the measurement's own
        assertThat(allocated).as("bytes allocated by 100,000 allowed takes").isLessThan(100_000);
    }
}
