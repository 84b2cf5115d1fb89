package dev.forecourt.edge.cache;

import dev.forecourt.edge.policy.Ttl;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/**
 * One stored response: its status, headers and whole body, when it was asked for and received, how long it is
 * fresh, and the request values it was chosen by ({@code variant}: what the cache policy puts in the key;
 * {@code vary}: the request's values of the headers its Vary names). Immutable; a 304 makes a new one.
 * The body is reference-counted: the store holds one reference, each answer being sent holds its own.
 */
final class CachedResponse {
    /** Headers a 304 must not change in the stored response (http-cache-tests update304, RFC 9111 section 3.2). */
    /** Not taken from a 304 into the stored headers (set-cookie: one viewer's, never stored; see CacheStage). */
    private static final Set<String> KEEP_ON_UPDATE = Set.of("content-length", "content-encoding", "content-md5",
            "content-range", "etag", "transfer-encoding", "connection", "keep-alive", "age", "set-cookie");

    final String variant;
    final List<String> varyNames;   // lower case; empty without Vary
    final List<String> varyValues;  // normalised request values, null where the request had none
    final HttpResponseStatus status;
    final HttpHeaders headers;
    final ByteBuf body;             // the whole body; empty when it lives in a file (below)
    final BodyFile file;            // the verified file region holding the body, or null
    final long requestTime;
    final long responseTime;
    final long lifetime;
    final long initialAge;
    final Directives cc;

    CachedResponse(String variant, List<String> varyNames, List<String> varyValues, HttpResponseStatus status,
                   HttpHeaders headers, ByteBuf body, long requestTime, long responseTime, long lifetime,
                   long initialAge, Directives cc) {
        this(variant, varyNames, varyValues, status, headers, body, null, requestTime, responseTime, lifetime,
                initialAge, cc);
    }

    private CachedResponse(String variant, List<String> varyNames, List<String> varyValues, HttpResponseStatus status,
                           HttpHeaders headers, ByteBuf body, BodyFile file, long requestTime, long responseTime,
                           long lifetime, long initialAge, Directives cc) {
        this.file = file;
        this.variant = variant;
        this.varyNames = varyNames;
        this.varyValues = varyValues;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.lifetime = lifetime;
        this.initialAge = initialAge;
        this.cc = cc;
    }

    /** Current age in ms (RFC 9111 section 4.2.3). */
    long age(long now) {
        return initialAge + Math.max(0, now - responseTime);
    }

    boolean isFresh(long now) {
        return lifetime > age(now);
    }

    /** Whether this response was stored for a request with these policy values and these Vary headers. */
    boolean matches(String variant, HttpHeaders request) {
        if (!this.variant.equals(variant)) {
            return false;
        }
        for (int i = 0; i < varyNames.size(); i++) {
            String now = VaryValues.of(request, varyNames.get(i));
            String then = varyValues.get(i);
            if (now == null ? then != null : !now.equals(then)) {
                return false;
            }
        }
        return true;
    }

    /** Where a body too large to keep in memory lives: a region of a checked cache file. */
    record BodyFile(java.nio.file.Path path, long offset, long length) {}

    /** This response with its body in a file instead of memory (the caller releases this one's buffer). */
    CachedResponse inFile(BodyFile f) {
        return new CachedResponse(variant, varyNames, varyValues, status, headers, io.netty.buffer.Unpooled.EMPTY_BUFFER,
                f, requestTime, responseTime, lifetime, initialAge, cc);
    }

    /** This response with {@code other} as its body (the same bytes, held elsewhere); itself if that is its own. */
    CachedResponse withBody(ByteBuf other) {
        return other == body ? this : new CachedResponse(variant, varyNames, varyValues, status, headers, other, file,
                requestTime, responseTime, lifetime, initialAge, cc);
    }

    long bodyLength() {
        return file != null ? file.length() : body.readableBytes();
    }

    /** Same variant and same Vary values: the newer one replaces this one. */
    boolean sameSelection(CachedResponse o) {
        return variant.equals(o.variant) && varyNames.equals(o.varyNames) && varyValues.equals(o.varyValues);
    }

    String etag() {
        return headers.get(HttpHeaderNames.ETAG);
    }

    String lastModified() {
        return headers.get(HttpHeaderNames.LAST_MODIFIED);
    }

    boolean hasValidator() {
        return etag() != null || lastModified() != null;
    }

    /** Bytes this entry holds, for the budget. */
    int weight() {
        return (file != null ? 0 : body.readableBytes()) + 64 * headers.size() + 256;
    }

    /**
     * This response freshened by a 304 (RFC 9111 section 4.3.4): the 304's headers replace the stored ones of the
     * same name, except those that describe the stored body; the clock starts again.
     */
    CachedResponse updatedBy(HttpHeaders notModified, long requestTime, long responseTime, Ttl ttl,
                             ErrorCaching errors, Directives cdn) {
        HttpHeaders merged = new DefaultHttpHeaders(false);
        merged.set(headers);
        for (String name : notModified.names()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!KEEP_ON_UPDATE.contains(lower)) {
                merged.set(name, notModified.getAll(name));
            }
        }
        Directives cc = cdn != null ? cdn : Directives.parse(merged.getAll(HttpHeaderNames.CACHE_CONTROL));
        long life = Math.max(0, Freshness.lifetime(status.code(), merged, cc, ttl, errors, responseTime));
        long age = Freshness.initialAge(notModified, requestTime, responseTime);
        return new CachedResponse(variant, varyNames, varyValues, status, merged, body.retain(), file, requestTime,
                responseTime, life, age, cc);
    }
}
