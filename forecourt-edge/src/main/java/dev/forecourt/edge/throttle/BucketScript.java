package dev.forecourt.edge.throttle;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The shared bucket: the same GCRA as {@link Bucket}, run atomically inside Redis, so that one round trip both reads
 * and moves a bucket that several processes draw on, and no two of them can take the last token. Time is Redis's
 * own ({@code TIME}), so the processes' clocks need not agree. Values are microseconds since a fixed epoch near
 * 2023 as Lua numbers (doubles): about 1e14 today, exact to a hundredth of a microsecond. The key expires when the
 * bucket is full again (a missing key is a full bucket), so Redis holds only buckets in use.
 *
 * <p>Sent as {@code EVALSHA}; when Redis answers {@code NOSCRIPT} (a new or restarted Redis) the script is sent once
 * with {@code EVAL}, which also caches it there.
 */
final class BucketScript {
    /** KEYS[1]: the bucket; ARGV[1]: microseconds per token; ARGV[2]: the bucket's size in microseconds (burst x
     * interval). Returns 0 when a token was taken, else the microseconds until one is back (at least 1). */
    static final String LUA = """
            local t = redis.call('TIME')
            local now = (tonumber(t[1]) - 1700000000) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tolerance = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local new = tat + interval
            local wait = new - now - tolerance
            if wait > 0 then return math.ceil(wait) end
            redis.call('SET', KEYS[1], string.format('%.3f', new), 'PX', string.format('%d', math.ceil((new - now) / 1000)))
            return 0
            """;
    static final String SHA = sha1(LUA);
    /** Every bucket's Redis key starts with this, so that Forecourt's keys are told apart in a shared Redis. */
    static final String PREFIX = "forecourt:throttle:";

    private BucketScript() {}

    /** Takes a token from {@code key}'s shared bucket: 0 when allowed, else microseconds to wait. */
    static CompletionStage<Long> take(RedisAsyncCommands<String, String> redis, String key, Limit limit) {
        String[] keys = {PREFIX + key};
        String interval = micros(limit.intervalNanos());
        String tolerance = micros(limit.toleranceNanos());
        CompletionStage<Long> sent = redis.evalsha(SHA, ScriptOutputType.INTEGER, keys, interval, tolerance);
        return sent.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                ? redis.<Long>eval(LUA, ScriptOutputType.INTEGER, keys, interval, tolerance)
                : CompletableFuture.failedStage(e));
    }

    private static String micros(long nanos) {
        return Double.toString(nanos / 1000.0);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
