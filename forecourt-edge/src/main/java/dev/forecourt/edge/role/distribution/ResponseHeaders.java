package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletionStage;

/**
 * Applies a behavior's response headers policy to every answer, from the cache or the origin: security, custom and
 * removed headers, Server-Timing. Its CORS is the {@link dev.forecourt.edge.stage.Cors} room's, just behind this one.
 */
final class ResponseHeaders implements Stage {
    private final ResponseHeadersPolicy policy;

    ResponseHeaders(ResponseHeadersPolicy policy) {
        this.policy = policy;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        long start = System.nanoTime();
        return next.serve(x).thenApply(r -> {
            HttpHeaders h = r.head().headers();
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
}
