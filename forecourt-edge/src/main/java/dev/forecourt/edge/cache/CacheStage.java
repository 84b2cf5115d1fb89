package dev.forecourt.edge.cache;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.http.HeaderNames;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The shared cache of RFC 9111 as a stage. GET and HEAD are answered from a stored response while it is fresh
 * ({@code Hit}); a stale one with validators is revalidated with a conditional request and, on 304, freshened and
 * served ({@code RefreshHit}); otherwise the request goes on ({@code Miss}) and a storable response is kept as its
 * body streams past. Concurrent misses for one key wait for the first (request collapsing). A successful unsafe
 * request invalidates its url and its Location / Content-Location. A GET or HEAD with a body is refused
 * ({@link GetWithBody}). Freshness rules follow the cache policy's TTLs,
 * and for 4xx and 5xx answers {@link ErrorCaching}; {@code CDN-Cache-Control} (RFC 9213), when present, is obeyed
 * instead of {@code Cache-Control}.
 */
public final class CacheStage implements Stage {
    /** Like nginx's proxy_cache_lock_timeout: a waiter goes to the origin itself after this. */
    private static final long COLLAPSE_WAIT_MS = 5_000;
    /**
     * Headers never stored (connection-scoped, about a proxy's authentication, or one viewer's cookie: the viewer
     * whose miss fetched the answer gets its Set-Cookie, later viewers the answer without it, as CloudFront serves
     * a behavior that forwards no cookies).
     */
    private static final List<String> NOT_STORED = List.of("connection", "keep-alive", "proxy-connection", "te",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authentication-info", "proxy-authorization",
            "set-cookie");

    private final HttpCache cache;
    private final CachePolicy policy;

    private final boolean cacheOptions;
    private final ErrorCaching errors;

    /**
     * {@code cacheOptions}: OPTIONS responses are stored too (a behavior's cachedMethods names OPTIONS);
     * {@code errors}: how long 4xx and 5xx answers are kept (the distribution's error caching minimum TTLs).
     */
    public CacheStage(HttpCache cache, CachePolicy policy, boolean cacheOptions, ErrorCaching errors) {
        this.cache = cache;
        this.policy = policy;
        this.cacheOptions = cacheOptions;
        this.errors = errors;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        ForecourtException withBody = GetWithBody.refusal(x);
        if (withBody != null) {
            return CompletableFuture.failedFuture(withBody);
        }
        HttpMethod m = x.request().method();
        if (policy.gzip() || policy.brotli()) {
            normaliseAcceptEncoding(x.request().headers());
        }
        if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || (cacheOptions && m.equals(HttpMethod.OPTIONS))) {
            if (policy.disabled()) {
                x.cacheResult("Miss");
                HopTrace noted = Trace.of(x);
                if (noted != null) { // the text is made only for a traced request
                    noted.note(Phase.DECIDED, "cache: Miss, the cache policy " + policy.name() + " stores nothing");
                }
                return next.serve(x).thenApply(r -> mark(r, "Miss"));
            }
            return lookup(x, next, true, false);
        }
        x.cacheResult("Miss");
        HopTrace noted = Trace.of(x);
        if (noted != null) { // the text is made only for a traced request
            noted.note(Phase.DECIDED, "cache: Miss, " + m + " is never answered from the cache");
        }
        if (m.equals(HttpMethod.OPTIONS) || m.equals(HttpMethod.TRACE)) {
            return next.serve(x);
        }
        return next.serve(x).thenApply(r -> invalidateAfter(x, r));
    }

    /**
     * {@code mayWait}: a miss may join another's flight (not after having waited once); {@code diskRead}: the disk
     * tier was already read for this request (once only, even if memory dropped the object since).
     */
    private CompletionStage<Response> lookup(Exchange x, Service next, boolean mayWait, boolean diskRead) {
        HttpHeaders req = x.request().headers();
        CacheKey key = CacheKey.of(policy, x.host(), x.request().uri(), req);
        if (x.request().method().equals(HttpMethod.OPTIONS)) {
            key = new CacheKey(key.url(), "OPTIONS\n" + key.variant()); // beside the url's GET objects, invalidated with them
        }
        Directives rq = Reuse.requestDirectives(req);
        long now = cache.now();
        Preconditions client = Preconditions.of(req);
        CachedResponse stored = rq.has("no-store") ? null : cache.find(key, req);
        if (stored == null && !diskRead && !rq.has("no-store") && cache.onDisk(key, req)) {
            CompletableFuture<Response> later = new CompletableFuture<>();
            cache.loadFromDisk(key, req).whenComplete((v, t) -> x.eventLoop().execute(() ->
                    relay(lookup(x, next, mayWait, true), later)));
            return later;
        }
        if (stored != null) {
            CompletionStage<Response> fromStore = fromStore(x, next, key, stored, rq, client, now);
            if (fromStore != null) {
                return fromStore;
            }
        }
        if (rq.has("only-if-cached")) {
            x.cacheResult("Miss");
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NOT_CACHED,
                    "the request says only-if-cached, and nothing usable is stored for it"));
        }
        boolean plain = storesMethod(x) && !client.any() && !rq.has("no-store");
        if (plain && mayWait) {
            HttpCache.Flight flight = cache.join(key);
            if (!flight.leads()) {
                CompletableFuture<Response> later = new CompletableFuture<>();
                flight.landed().copy().orTimeout(COLLAPSE_WAIT_MS, TimeUnit.MILLISECONDS).whenComplete((v, t) ->
                        x.eventLoop().execute(() -> relay(lookup(x, next, false, diskRead), later)));
                return later;
            }
            return fetch(x, next, key, now, stored, flight);
        }
        return fetch(x, next, key, now, stored, null);
    }

    /** GET responses are stored (HEAD is answered from them), and OPTIONS ones when the behavior says so. */
    private boolean storesMethod(Exchange x) {
        HttpMethod m = x.request().method();
        return m.equals(HttpMethod.GET) || (cacheOptions && m.equals(HttpMethod.OPTIONS));
    }

    /**
     * The answer a stored response gives: itself while fresh (or stale where the client's max-stale or the response's
     * stale-while-revalidate allow), else a revalidation if it has validators; null when it can't serve (then the
     * request is a miss). A stored response whose body has left memory or disk meanwhile is forgotten.
     */
    private CompletionStage<Response> fromStore(Exchange x, Service next, CacheKey key, CachedResponse stored,
                                                Directives rq, Preconditions client, long now) {
        long age = stored.age(now);
        boolean fresh = stored.lifetime > age && Reuse.usableFresh(stored, rq, age);
        boolean swr = !fresh && !Reuse.maxStaleAllows(stored, rq, age) && Reuse.staleWhileRevalidate(stored, age);
        if ((fresh && !stored.cc.has("no-cache") && !rq.has("no-cache")) || (!fresh && (swr
                || Reuse.maxStaleAllows(stored, rq, age)))) { // stale answers carry no Warning: RFC 9111 retired it
            Response r = answer(x, stored, now, client, "Hit");
            if (r == null) {
                cache.forget(key.url(), stored);
                return null;
            }
            HopTrace t = Trace.of(x);
            if (t != null) {
                t.note(Phase.DECIDED, "cache: Hit, stored " + age / 1000 + " s ago, " + (fresh ? "fresh for "
                        + (stored.lifetime - age) / 1000 + " s more" : swr ? "stale: served while it is revalidated"
                        + " in the background (stale-while-revalidate)" : "stale, which the request's max-stale allows"));
            }
            if (swr) {
                revalidateInBackground(x, next, key, stored);
            }
            return CompletableFuture.completedFuture(r);
        }
        return stored.hasValidator() && storesMethod(x) ? revalidate(x, next, key, stored, client) : null;
    }

    private static void relay(CompletionStage<Response> from, CompletableFuture<Response> to) {
        from.whenComplete((r, f) -> {
            if (f != null) to.completeExceptionally(f); else to.complete(r);
        });
    }

    /** A miss: the origin's answer, stored as it streams past when it may be. */
    private CompletionStage<Response> fetch(Exchange x, Service next, CacheKey key, long requestTime,
                                            CachedResponse stale, HttpCache.Flight flight) {
        x.cacheResult("Miss");
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.note(Phase.DECIDED, "cache: Miss, " + (stale == null ? "nothing stored" : "what is stored is stale and has no"
                    + " validator") + " for key " + key.url());
        }
        HttpHeaders presented = presented(x);
        CompletionStage<Response> answer = next.serve(x).thenApply(r -> {
            Response s = staleForError(x, r, stale);
            if (s != null) {
                cache.land(flight);
                return s;
            }
            return keep(x, presented, key, requestTime, r, flight, "Miss");
        });
        return withStaleIfError(x, answer, stale, flight);
    }

    private CompletionStage<Response> revalidate(Exchange x, Service next, CacheKey key, CachedResponse stored,
                                                 Preconditions client) {
        x.cacheResult("RefreshHit");
        Trace.note(x, Phase.DECIDED, "cache: stored but stale (or no-cache): asking the origin whether it changed");
        HttpHeaders presented = presented(x);
        String presentedUri = x.request().uri();
        HttpHeaders h = x.request().headers();
        h.remove(HttpHeaderNames.IF_NONE_MATCH).remove(HttpHeaderNames.IF_MODIFIED_SINCE)
                .remove(HttpHeaderNames.IF_MATCH).remove(HttpHeaderNames.IF_UNMODIFIED_SINCE)
                .remove(HttpHeaderNames.IF_RANGE).remove(HttpHeaderNames.RANGE);
        if (stored.etag() != null) h.set(HttpHeaderNames.IF_NONE_MATCH, stored.etag());
        if (stored.lastModified() != null) h.set(HttpHeaderNames.IF_MODIFIED_SINCE, stored.lastModified());
        long requestTime = cache.now();
        CompletionStage<Response> answer = next.serve(x).thenCompose(r -> {
            if (r.head().status().code() == 304) {
                Body.drain(r.body(), n -> {});
                CachedResponse updated = stored.updatedBy(r.head().headers(), requestTime,
                        cache.now(), policy.ttl(), errors, cdnDirectives(r.head().headers()));
                cache.freshen(key.url(), stored, updated);
                Response served = answer(x, updated, cache.now(), client, "RefreshHit");
                if (served != null) {
                    List<String> cookies = r.head().headers().getAll(HttpHeaderNames.SET_COOKIE);
                    if (!cookies.isEmpty()) { // the viewer whose revalidation it was gets its cookie; the store does not
                        served.head().headers().add(HttpHeaderNames.SET_COOKIE, cookies);
                    }
                    return CompletableFuture.completedFuture(served);
                }
                // the body left memory or disk meanwhile: ask again, unconditionally, as the viewer presented it (the
                // rooms behind have edited x's own head, and they are not idempotent: X-Forwarded-For would grow)
                cache.forget(key.url(), updated);
                x.cacheResult("Miss");
                HttpHeaders again = new DefaultHttpHeaders(false).set(presented);
                again.remove(HttpHeaderNames.IF_NONE_MATCH).remove(HttpHeaderNames.IF_MODIFIED_SINCE);
                Exchange refetch = x.fork(new DefaultHttpRequest(x.request().protocolVersion(), x.request().method(),
                        presentedUri, again));
                long refetchTime = cache.now();
                return next.serve(refetch).thenApply(r2 -> keep(refetch, presented, key, refetchTime, r2, null, "Miss"));
            }
            x.cacheResult("Miss");
            Response s = staleForError(x, r, stored);
            return CompletableFuture.completedFuture(s != null ? s : keep(x, presented, key, requestTime, r, null, "Miss"));
        });
        return withStaleIfError(x, answer, stored, null);
    }

    /** The stored response instead of the origin's 5xx, when stale-if-error allows it; else null. */
    private Response staleForError(Exchange x, Response r, CachedResponse stale) {
        if (stale == null || r.head().status().code() < 500 || !Reuse.staleIfError(stale, cache.now())) {
            return null;
        }
        Response s = answer(x, stale, cache.now(), Preconditions.NONE, "Hit");
        if (s != null) {
            r.body().cancel();
        }
        return s;
    }

    /** {@code stale-while-revalidate}: the stale answer went out; this freshens the store for the next one. */
    private void revalidateInBackground(Exchange x, Service next, CacheKey key, CachedResponse stored) {
        HttpCache.Flight flight = cache.join(key);
        if (!flight.leads()) {
            return; // someone is already fetching it
        }
        HttpRequest copy = new DefaultHttpRequest(x.request().protocolVersion(), HttpMethod.GET, x.request().uri(),
                new DefaultHttpHeaders(false).set(x.request().headers()));
        Exchange bg = x.fork(copy);
        revalidate(bg, next, key, stored, Preconditions.NONE).whenComplete((r, f) -> {
            if (r != null) {
                r.body().subscribe(new dev.forecourt.http.BodySink() { // read it through, so the tap stores it
                    @Override public void onContent(io.netty.handler.codec.http.HttpContent c) {
                        c.release();
                    }
                    @Override public void onError(Throwable cause) {}
                });
            }
            cache.land(flight);
        });
    }

    private CompletionStage<Response> withStaleIfError(Exchange x, CompletionStage<Response> answer,
                                                       CachedResponse stale, HttpCache.Flight flight) {
        return answer.handle((r, f) -> {
            if (f == null) {
                return CompletableFuture.completedFuture(r);
            }
            cache.land(flight);
            long now = cache.now();
            if (stale != null && Reuse.staleIfError(stale, now)) {
                Response s = answer(x, stale, now, Preconditions.NONE, "Hit");
                if (s != null) {
                    return CompletableFuture.completedFuture(s);
                }
            }
            return CompletableFuture.<Response>failedFuture(f);
        }).thenCompose(c -> c);
    }

    /**
     * The request's headers as this cache received them. The rooms behind it rewrite the head in place (Host,
     * X-Forwarded-*, Forwarded), but Vary is matched against what later viewers present, so the stored values
     * must be the viewer's.
     */
    private static HttpHeaders presented(Exchange x) {
        return new DefaultHttpHeaders(false).set(x.request().headers());
    }

    /** Stores the origin's response as its body streams to the client, if RFC 9111 and the policy allow. */
    private Response keep(Exchange x, HttpHeaders presented, CacheKey key, long requestTime, Response r,
                          HttpCache.Flight flight, String result) {
        long responseTime = cache.now();
        HttpResponse head = r.head();
        HttpHeaders h = head.headers();
        Directives cc = cdnDirectives(h);
        if (cc == null) cc = Directives.parse(h.getAll(HttpHeaderNames.CACHE_CONTROL));
        List<String> varyNames = VaryValues.names(h.getAll(HttpHeaderNames.VARY));
        long lifetime = Freshness.lifetime(head.status().code(), h, cc, policy.ttl(), errors, responseTime);
        if (!storesMethod(x) || varyNames == null
                || !Storability.storable(presented, head.status().code(), cc, lifetime, h)) {
            HopTrace noted = Trace.of(x);
            if (noted != null) { // the text is made only for a traced request
                noted.note(Phase.RETURNED, "cache: the answer is not stored (" + (!storesMethod(x)
                        ? x.request().method() + " answers are not" : varyNames == null ? "Vary: *" : "status "
                        + head.status().code() + ", Cache-Control " + h.getAll(HttpHeaderNames.CACHE_CONTROL)
                        + ": RFC 9111 and the cache policy do not allow it") + ")");
            }
            cache.land(flight);
            return mark(r, result);
        }
        HttpHeaders stored = new DefaultHttpHeaders(false);
        stored.set(h);
        NOT_STORED.forEach(stored::remove);
        if (!stored.contains(HttpHeaderNames.DATE)) {
            stored.set(HttpHeaderNames.DATE, dev.forecourt.http.HttpDate.format(responseTime));
            h.set(HttpHeaderNames.DATE, stored.get(HttpHeaderNames.DATE));
        }
        List<String> varyValues = new ArrayList<>(varyNames.size());
        for (String n : varyNames) varyValues.add(VaryValues.of(presented, n));
        long initialAge = Freshness.initialAge(h, requestTime, responseTime);
        HopTrace noted = Trace.of(x);
        if (noted != null) { // the text is made only for a traced request
            noted.note(Phase.RETURNED, "cache: the answer is stored, fresh for " + lifetime / 1000 + " s");
        }
        Directives finalCc = cc;
        Body tapped = new BodyTap(r.body(), cache.maxObjectBytes(), cache.inflight(), (ByteBuf whole) -> {
            if (whole != null) {
                cache.store(key.url(), new CachedResponse(key.variant(), varyNames,
                        Collections.unmodifiableList(varyValues), head.status(), stored, whole, requestTime,
                        responseTime, lifetime, initialAge, finalCc));
            }
            cache.land(flight);
        });
        return mark(new Response(head, tapped), result);
    }

    /** After a successful unsafe request: its url, and the urls its Location and Content-Location name. */
    private Response invalidateAfter(Exchange x, Response r) {
        int s = r.head().status().code();
        if (s >= 200 && s < 400) {
            cache.invalidate(CacheKey.url(policy.queryStrings(), x.host(), x.request().uri()));
            for (CharSequence name : List.of(HttpHeaderNames.LOCATION, HttpHeaderNames.CONTENT_LOCATION)) {
                String target = sameOriginPath(x, r.head().headers().get(name));
                if (target != null) {
                    cache.invalidate(CacheKey.url(policy.queryStrings(), x.host(), target));
                }
            }
        }
        return r;
    }

    /** The path of a same-origin URI reference, or null (another origin's urls are not ours to drop). */
    private static String sameOriginPath(Exchange x, String ref) {
        if (ref == null || ref.isEmpty()) return null;
        if (ref.startsWith("/") && !ref.startsWith("//")) return ref;
        try {
            java.net.URI u = new java.net.URI(ref);
            if (u.getHost() != null && u.getHost().equalsIgnoreCase(x.host())) {
                String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
            }
        } catch (java.net.URISyntaxException ignored) {
            // not a URI: nothing to invalidate
        }
        return null;
    }

    private Response answer(Exchange x, CachedResponse r, long now, Preconditions client, String result) {
        Response a = StoredAnswer.of(r, now, x.request().method(), client, result);
        if (a != null) {
            x.cacheResult(result);
        }
        return a;
    }

    private static Response mark(Response r, String result) {
        r.head().headers().set(HeaderNames.X_CACHE, StoredAnswer.xCache(result));
        return r;
    }

    /** CDN-Cache-Control's directives when the response has that header, else null. */
    private static Directives cdnDirectives(HttpHeaders h) {
        List<String> cdn = h.getAll("cdn-cache-control");
        return cdn.isEmpty() ? null : Directives.parse(cdn);
    }

    private void normaliseAcceptEncoding(HttpHeaders h) {
        String ae = CacheKey.acceptEncoding(policy, h.get(HttpHeaderNames.ACCEPT_ENCODING));
        if (ae.isEmpty()) {
            h.remove(HttpHeaderNames.ACCEPT_ENCODING);
        } else {
            h.set(HttpHeaderNames.ACCEPT_ENCODING, ae);
        }
    }
}
