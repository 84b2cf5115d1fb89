package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/** Applies a behavior's response headers policy to every answer, from the cache or the origin. */
final class ResponseHeaders implements Stage {
    private final ResponseHeadersPolicy policy;

    ResponseHeaders(ResponseHeadersPolicy policy) {
        this.policy = policy;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        String origin = x.request().headers().get(HttpHeaderNames.ORIGIN);
        boolean preflight = x.request().method().equals(HttpMethod.OPTIONS)
                && x.request().headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        long start = System.nanoTime();
        return next.serve(x).thenApply(r -> {
            HttpHeaders h = r.head().headers();
            if (policy.cors() != null && origin != null && policy.cors().allows(origin)) {
                cors(h, policy.cors(), origin, preflight);
            }
            for (ResponseHeadersPolicy.Header e : policy.headers()) {
                if (e.override() || !h.contains(e.name())) {
                    h.set(e.name(), e.value());
                }
            }
            policy.remove().forEach(h::remove);
            if (policy.serverTiming()) {
                String result = x.cacheResult() == null ? "miss" : x.cacheResult().equals("Hit") ? "hit"
                        : x.cacheResult().equals("RefreshHit") ? "refresh" : "miss";
                StringBuilder b = new StringBuilder("cdn-cache-").append(result);
                if (x.upstreamNanos() >= 0) {
                    b.append(", cdn-upstream-fbl;dur=").append(x.upstreamNanos() / 1_000_000);
                }
                b.append(", cdn-downstream-fbl;dur=").append((System.nanoTime() - start) / 1_000_000);
                h.add(HeaderNames.SERVER_TIMING, b.toString());
            }
            return r;
        });
    }

    private static void cors(HttpHeaders h, ResponseHeadersPolicy.Cors c, String origin, boolean preflight) {
        String allowOrigin = c.allowOrigins().contains("*") && !c.allowCredentials() ? "*" : origin;
        if (c.originOverride() || !h.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
            if (!allowOrigin.equals("*")) {
                h.add(HttpHeaderNames.VARY, "Origin");
            }
            if (c.allowCredentials()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            }
            if (!c.exposeHeaders().isEmpty()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", c.exposeHeaders()));
            }
            if (preflight) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", c.allowMethods()));
                if (!c.allowHeaders().isEmpty()) {
                    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", c.allowHeaders()));
                }
                if (c.maxAge() != null) {
                    h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, c.maxAge().toSeconds());
                }
            }
        }
    }
}
