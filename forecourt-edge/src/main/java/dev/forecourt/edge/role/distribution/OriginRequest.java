package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.cache.CacheKey;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.Selection;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Shapes the request the origin gets, as the cloud does: the viewer's headers, cookies and query strings that the
 * cache policy or the origin request policy take, and nothing else; Host is the one a function set, else the
 * viewer's when a policy takes it, else the origin's domain; the origin's custom headers; its path prefix. Headers the edge itself adds or
 * needs (framing, validators, ranges, Via, forwarding, trace) always pass.
 */
final class OriginRequest implements Stage {
    private static final Set<String> ALWAYS = Set.of("content-length", "content-type", "content-encoding",
            "transfer-encoding", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range",
            "range", "via", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
            "forwarded", "traceparent", "tracestate", "x-request-id", "forecourt-trace");

    private final Selection headers;
    private final Selection cookies;
    private final Selection queryStrings;
    private final boolean forwardsHost;
    private final boolean keepAcceptEncoding;
    private final OriginConfig origin;

    OriginRequest(CachePolicy cache, OriginRequestPolicy orp, OriginConfig origin) {
        this.headers = cache.headers().or(orp.headers());
        this.cookies = cache.cookies().or(orp.cookies());
        this.queryStrings = cache.queryStrings().or(orp.queryStrings());
        this.forwardsHost = headers.takes("host");
        this.keepAcceptEncoding = cache.gzip() || cache.brotli();
        this.origin = origin;
    }

    /** Whether a header (lower case) reaches the origin: one the edge always passes, or one a policy takes. */
    static boolean passes(Selection headers, String name) {
        return ALWAYS.contains(name) || headers.takes(name);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        String viewerHost = h.get(HttpHeaderNames.HOST);
        List<String> drop = new ArrayList<>();
        for (String name : h.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (!passes(headers, n) && !n.equals("host") && !n.equals("cookie")
                    && !(keepAcceptEncoding && n.equals("accept-encoding"))) {
                drop.add(name);
            }
        }
        drop.forEach(h::remove);
        List<String> kept = CacheKey.cookies(h, cookies);
        h.remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            h.set(HttpHeaderNames.COOKIE, String.join("; ", kept));
        }
        h.set(HttpHeaderNames.HOST, x.functionHost() != null ? x.functionHost() // a function's choice wins
                : forwardsHost && viewerHost != null ? viewerHost
                : origin.domain()); // as the cloud: the domain alone, whatever port it connects to
        for (Map.Entry<String, String> e : origin.customHeaders().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        String uri = x.request().uri();
        int q = uri.indexOf('?');
        if (q >= 0 && queryStrings.kind() != Selection.Kind.ALL) {
            String query = CacheKey.filterQuery(uri.substring(q + 1), queryStrings);
            uri = query.isEmpty() ? uri.substring(0, q) : uri.substring(0, q + 1) + query;
        }
        x.request().setUri(origin.originPath() + uri);
        return next.serve(x);
    }
}
