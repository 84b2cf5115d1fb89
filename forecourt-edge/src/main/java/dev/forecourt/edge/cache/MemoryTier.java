package dev.forecourt.edge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Stored responses in memory within a byte budget, least recently used out first (Caffeine's W-TinyLFU), grouped by
 * url so that invalidation and Vary work on all variants of one url at once. A removed response's body is
 * released; an answer still being sent holds its own reference.
 */
final class MemoryTier {
    /** At most this many variants (policy values x Vary values) per url; the oldest goes first. */
    private static final int MAX_VARIANTS = 32;

    private final Cache<String, List<CachedResponse>> urls;

    MemoryTier(long budgetBytes) {
        this.urls = Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((String url, List<CachedResponse> list) -> weight(url, list))
                .executor(Runnable::run)
                .removalListener((String url, List<CachedResponse> list, RemovalCause cause) -> {
                    if (cause != RemovalCause.REPLACED && list != null) {
                        list.forEach(r -> r.body.release());
                    }
                })
                .build();
    }

    /** The stored response for this url, variant and request, or null. Not retained: see {@link CachedResponse}. */
    CachedResponse find(String url, String variant, HttpHeaders request) {
        List<CachedResponse> list = urls.getIfPresent(url);
        if (list == null) {
            return null;
        }
        for (CachedResponse r : list) {
            if (r.matches(variant, request)) {
                return r;
            }
        }
        return null;
    }

    /** Stores {@code r} (this tier takes its reference), replacing what was stored for the same selection. */
    void put(String url, CachedResponse r) {
        List<CachedResponse> replaced = new ArrayList<>(1);
        urls.asMap().compute(url, (k, old) -> {
            List<CachedResponse> next = new ArrayList<>(old == null ? 1 : old.size() + 1);
            if (old != null) {
                for (CachedResponse o : old) {
                    if (o.sameSelection(r)) {
                        replaced.add(o);
                    } else {
                        next.add(o);
                    }
                }
            }
            while (next.size() >= MAX_VARIANTS) {
                replaced.add(next.removeFirst());
            }
            next.add(r);
            return List.copyOf(next);
        });
        replaced.forEach(o -> o.body.release());
    }

    /** Replaces exactly {@code old} by {@code r} if {@code old} is still stored (after a 304). */
    void replace(String url, CachedResponse old, CachedResponse r) {
        boolean[] done = {false};
        urls.asMap().computeIfPresent(url, (k, list) -> {
            int i = list.indexOf(old);
            if (i < 0) {
                return list;
            }
            List<CachedResponse> next = new ArrayList<>(list);
            next.set(i, r);
            done[0] = true;
            return List.copyOf(next);
        });
        if (done[0]) {
            old.body.release();
        } else {
            r.body.release();
        }
    }

    /** Removes exactly {@code r} if it is still stored for {@code url}. */
    void remove(String url, CachedResponse r) {
        boolean[] kept = {false};
        urls.asMap().computeIfPresent(url, (k, list) -> {
            if (!list.contains(r)) {
                return list;
            }
            List<CachedResponse> next = new ArrayList<>(list);
            next.remove(r);
            kept[0] = !next.isEmpty();
            return next.isEmpty() ? null : List.copyOf(next); // null: the removal listener releases r
        });
        if (kept[0]) {
            r.body.release(); // a replacement: the listener leaves the bodies to us
        }
    }

    void remove(String url) {
        urls.invalidate(url);
    }

    /** Removes every url the predicate accepts; returns how many. */
    int removeIf(Predicate<String> url) {
        List<String> hit = urls.asMap().keySet().stream().filter(url).toList();
        urls.invalidateAll(hit);
        return hit.size();
    }

    long bytes() {
        return urls.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    void clear() {
        urls.invalidateAll();
        urls.cleanUp();
    }

    private static int weight(String url, List<CachedResponse> list) {
        long w = url.length() * 2L + 64;
        for (CachedResponse r : list) {
            w += r.weight();
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }
}
