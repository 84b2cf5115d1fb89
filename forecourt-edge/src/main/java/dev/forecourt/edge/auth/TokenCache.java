package dev.forecourt.edge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Tokens that passed, by their exact text (the identity source's value), until their {@code exp}: a repeated token
 * costs one map look-up, not a signature check, which is how the route behind an authorizer stays near the speed of
 * the route without one. Bounded by count (least recently and frequently used go first). A hit is checked against
 * the authorizer's clock too, since the cache's own clock is the JVM's.
 */
final class TokenCache {
    private final Cache<String, VerifiedToken> cache;
    private final InstantSource clock;

    TokenCache(int maxTokens, InstantSource clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.<String, VerifiedToken>creating((key, token) ->
                        Duration.ofMillis(Math.max(0, token.goodUntilMillis() - clock.millis()))))
                .executor(Runnable::run) // upkeep on the caller, a few steps: no pool thread woken per request
                .build();
    }

    /** The verified token for this text, or null when there is none or it is no longer good. */
    VerifiedToken get(String text) {
        VerifiedToken t = cache.getIfPresent(text);
        if (t != null && clock.millis() > t.goodUntilMillis()) {
            cache.invalidate(text);
            return null;
        }
        return t;
    }

    void put(String text, VerifiedToken token) {
        cache.put(text, token);
    }

    long size() {
        return cache.estimatedSize();
    }
}
