package dev.forecourt.edge.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.forecourt.edge.config.ClusterConfig;
import dev.forecourt.edge.config.ClusterConfig.FailMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Buckets shared through a real redis-server that the test starts: two throttles, each with its own Lettuce client
 * and connection (two Forecourt processes, as far as Redis can tell), draw on one bucket; Redis killed, hung, absent
 * at start: the fail mode decides, logged once per outage; Redis back: shared again.
 */
class SharedThrottleTest {
    /** A probe every 100 ms, so that the returns are quick to see; commands may take 1 s on a busy machine. */
    private static final RedisLink.Timing TIMING =
            new RedisLink.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100));

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger linkLog = (Logger) LoggerFactory.getLogger(RedisLink.class);

    @BeforeAll
    static void redisInstalled() {
        assumeTrue(RedisServer.binary().isPresent(), "redis-server is not installed (apt-get install redis-server; "
                + ".ci/run installs it): the throttle shared through Redis is not tested here");
    }

    @BeforeEach
    void captureTheLog() {
        logged.start();
        linkLog.addAppender(logged);
        linkLog.setLevel(Level.INFO);
    }

    @AfterEach
    void closeAll() throws Exception {
        linkLog.detachAppender(logged);
        linkLog.setLevel(null);
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private SharedThrottle throttle(String uri, FailMode mode, MeterRegistry registry) {
        return closing(new SharedThrottle(new ClusterConfig(uri, mode), TIMING,
                new LocalThrottle(Ticker.systemTicker(), 1_000), registry));
    }

    private static Verdict take(Throttle t, String key, Limit limit) throws Exception {
        return t.tryTake(key, limit, Runnable::run).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static int allowed(Throttle t, String key, Limit limit, int requests) throws Exception {
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            allowed += take(t, key, limit).allowed() ? 1 : 0;
        }
        return allowed;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private long lines(Level level, String containing) {
        return logged.list.stream()
                .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(containing)).count();
    }

    @Test
    void twoProcessesDrawOnOneBucketThatRefillsAtTheRateAndExpiresInRedisWhenFull() throws Exception {
        RedisServer redis = closing(RedisServer.start());
        MeterRegistry registry = new SimpleMeterRegistry();
        SharedThrottle a = throttle(redis.uri(), FailMode.LOCAL, registry);
        SharedThrottle b = throttle(redis.uri(), FailMode.LOCAL, new SimpleMeterRegistry());
        Limit limit = new Limit(10, 5);

        assertThat(allowed(a, "api/public", limit, 3)).isEqualTo(3);
        assertThat(allowed(b, "api/public", limit, 2)).isEqualTo(2);
        Verdict denied = take(a, "api/public", limit);
        assertThat(denied.allowed()).as("the bucket of 5 is empty for both").isFalse();
        assertThat(denied.retryAfterNanos()).isBetween(1_000L, 100_000_000L);
        assertThat(take(b, "api/public", limit).allowed()).isFalse();
        assertThat(allowed(a, "api/other", limit, 1)).as("another key, another bucket").isEqualTo(1);

        Thread.sleep(120); // one token back (1/rate = 100 ms)
        assertThat(take(b, "api/public", limit).allowed()).isTrue();
        assertThat(take(a, "api/public", limit).allowed()).isFalse();

        AtomicInteger onLoop = new AtomicInteger();
        Executor loop = r -> {
            onLoop.incrementAndGet();
            r.run();
        };
        a.tryTake("api/public", limit, loop).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(onLoop).as("the verdict completes on the caller's loop").hasValue(1);

        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> raw = client.connect()) {
            long ttl = raw.sync().pttl(BucketScript.PREFIX + "api/public");
            assertThat(ttl).as("the key lives until the bucket is full again: at most 5 tokens of 100 ms").isBetween(1L, 600L);
        }
        assertThat(registry.get("forecourt_throttle_redis_up").gauge().value()).isEqualTo(1);
        assertThat(registry.get("forecourt_throttle_fallback_total").counter().count()).isZero();
        assertThat(lines(Level.WARN, "")).as("nothing to say while Redis is up").isZero();
    }

    @Test
    void theAggregateAllowedRateOfTwoProcessesIsWithinFivePercentOfTheLimitOverTenSeconds() throws Exception {
        RedisServer redis = closing(RedisServer.start());
        SharedThrottle[] processes = {throttle(redis.uri(), FailMode.LOCAL, new SimpleMeterRegistry()),
                throttle(redis.uri(), FailMode.LOCAL, new SimpleMeterRegistry())};
        Limit limit = new Limit(100, 10);
        long period = TimeUnit.MILLISECONDS.toNanos(3); // each offers ~333 requests a second: 6.7 times the limit together
        long window = TimeUnit.SECONDS.toNanos(10);
        AtomicInteger[] allowed = {new AtomicInteger(), new AtomicInteger()};
        List<List<CompletableFuture<Verdict>>> sent = List.of(new ArrayList<>(), new ArrayList<>());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        Thread[] senders = new Thread[2];
        for (int p = 0; p < 2; p++) {
            int me = p;
            senders[p] = Thread.ofPlatform().start(() -> {
                for (long at = start + me * period / 2; at < start + window; at += period) {
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    CompletableFuture<Verdict> v = processes[me].tryTake("api/shared", limit, Runnable::run)
                            .toCompletableFuture();
                    v.thenAccept(verdict -> {
                        if (verdict.allowed()) {
                            allowed[me].incrementAndGet();
                        }
                    });
                    sent.get(me).add(v);
                }
            });
        }
        for (Thread t : senders) {
            assertThat(t.join(Duration.ofSeconds(30))).isTrue();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (List<CompletableFuture<Verdict>> s : sent) {
            CompletableFuture.allOf(s.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        int total = allowed[0].get() + allowed[1].get();
        double rate = total / seconds;
        System.out.printf("throttle: two processes sent %d + %d requests in %.2f s; allowed %d + %d = %d: %.1f/s "
                        + "(limit 100/s, burst 10)%n", sent.get(0).size(), sent.get(1).size(), seconds,
                allowed[0].get(), allowed[1].get(), total, rate);
        assertThat(sent.get(0).size() + sent.get(1).size()).as("offered well above the limit").isGreaterThan(4_000);
        assertThat(rate).as("aggregate allowed rate (the burst included)").isBetween(95.0, 105.0);
        for (AtomicInteger mine : allowed) {
            assertThat(mine.get()).as("each drew on the one bucket: its own bucket would have allowed ~1010")
                    .isBetween(200, 800);
        }
        assertThat(processes[0].shared() && processes[1].shared()).as("no fallback on the way").isTrue();
    }

    @ParameterizedTest
    @EnumSource(FailMode.class)
    void redisKilledTheFailModeDecidesLoggedOnceAndRedisBackSharesAgain(FailMode mode) throws Exception {
        RedisServer redis = closing(RedisServer.start());
        MeterRegistry registryA = new SimpleMeterRegistry();
        SharedThrottle a = throttle(redis.uri(), mode, registryA);
        SharedThrottle b = throttle(redis.uri(), mode, new SimpleMeterRegistry());
        Limit limit = new Limit(0.1, 3); // a token every 10 s: none comes back during the test
        assertThat(allowed(a, "k", limit, 3)).isEqualTo(3);
        assertThat(take(b, "k", limit).allowed()).as("shared").isFalse();

        redis.kill();
        int expected = switch (mode) {
            case OPEN -> 10;
            case CLOSED -> 0;
            case LOCAL -> 3; // each process's own bucket: full, as it was never used
        };
        assertThat(allowed(a, "k", limit, 10)).as("process A, Redis killed, failMode " + mode).isEqualTo(expected);
        assertThat(allowed(b, "k", limit, 10)).as("process B, Redis killed, failMode " + mode).isEqualTo(expected);
        assertThat(allowed(a, "k", limit, 10)).as("A again: no refill, no second outage").isEqualTo(mode == FailMode.OPEN ? 10 : 0);
        if (mode == FailMode.CLOSED) {
            assertThat(take(a, "k", limit).retryAfterNanos()).as("until the next probe").isEqualTo(TIMING.probe().toNanos());
        }
        assertThat(a.shared() || b.shared()).isFalse();
        assertThat(lines(Level.WARN, "unreachable")).as("one line per process for the whole outage").isEqualTo(2);
        assertThat(lines(Level.WARN, "deciding by failMode " + mode.name().toLowerCase())).isEqualTo(2);
        assertThat(registryA.get("forecourt_throttle_redis_outages_total").counter().count()).isEqualTo(1);
        assertThat(registryA.get("forecourt_throttle_fallback_total").tag("failMode", mode.name().toLowerCase())
                .counter().count()).isEqualTo(mode == FailMode.CLOSED ? 21 : 20);
        assertThat(registryA.get("forecourt_throttle_redis_up").gauge().value()).isZero();

        redis.restart();
        await(() -> a.shared() && b.shared(), "both processes back on Redis");
        // a new Redis is empty: the bucket is full again, and shared
        assertThat(allowed(a, "k", limit, 2)).isEqualTo(2);
        assertThat(allowed(b, "k", limit, 1)).isEqualTo(1);
        assertThat(take(a, "k", limit).allowed()).isFalse();
        assertThat(take(b, "k", limit).allowed()).isFalse();
        assertThat(lines(Level.INFO, "is back")).isEqualTo(2);
        assertThat(lines(Level.WARN, "unreachable")).isEqualTo(2);
        assertThat(registryA.get("forecourt_throttle_redis_up").gauge().value()).isEqualTo(1);
    }

    @Test
    void noRedisAtStartDecidesLocallyThenJoinsRedisWhenItComes() throws Exception {
        int port = RedisServer.freePort();
        SharedThrottle a = throttle("redis://127.0.0.1:" + port, FailMode.LOCAL, new SimpleMeterRegistry());
        Limit limit = new Limit(0.1, 2);
        assertThat(a.shared()).isFalse();
        assertThat(allowed(a, "k", limit, 5)).as("local buckets meanwhile").isEqualTo(2);
        assertThat(lines(Level.WARN, "not reachable at start")).isEqualTo(1);

        RedisServer redis = closing(RedisServer.at(port));
        await(a::shared, "the throttle finds Redis");
        assertThat(allowed(a, "k", limit, 5)).as("Redis's bucket, new and full").isEqualTo(2);
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> raw = client.connect()) {
            assertThat(raw.sync().exists(BucketScript.PREFIX + "k")).isEqualTo(1);
        }
        assertThat(lines(Level.WARN, "")).isEqualTo(1);
    }

    @Test
    void aRedisThatHangsIsDownAfterTheCommandTimeoutAndUpWhenItGoesOn() throws Exception {
        RedisServer redis = closing(RedisServer.start());
        SharedThrottle a = throttle(redis.uri(), FailMode.CLOSED, new SimpleMeterRegistry());
        Limit limit = new Limit(100, 100);
        assertThat(take(a, "k", limit).allowed()).isTrue();

        redis.signal("STOP");
        long t0 = System.nanoTime();
        assertThat(take(a, "k", limit).allowed()).as("timed out: closed").isFalse();
        long waited = System.nanoTime() - t0;
        assertThat(waited).as("the request waited the command timeout, no more").isBetween(
                TIMING.command().toNanos() - 50_000_000, TIMING.command().toNanos() + 2_000_000_000L);
        t0 = System.nanoTime();
        assertThat(take(a, "k", limit).allowed()).isFalse();
        assertThat(System.nanoTime() - t0).as("later requests do not wait for Redis").isLessThan(100_000_000L);
        assertThat(lines(Level.WARN, "RedisCommandTimeoutException")).isEqualTo(1);

        redis.signal("CONT");
        await(a::shared, "back once Redis goes on");
        assertThat(take(a, "k", limit).allowed()).isTrue();
    }
}
