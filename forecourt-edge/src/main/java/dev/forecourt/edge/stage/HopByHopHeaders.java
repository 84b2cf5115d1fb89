package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.Body;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Drops the headers that belong to one connection (RFC 9110 section 7.6.1): Connection and every header it names,
 * Keep-Alive, Proxy-Connection, TE, Upgrade; both ways. The forwarded request's framing is set anew from its body.
 */
public final class HopByHopHeaders implements Stage {

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        strip(h);
        h.remove(HttpHeaderNames.TE);
        if (x.body() == Body.EMPTY) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        } else if (!h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setTransferEncodingChunked(x.request(), true);
        }
        return next.serve(x).thenApply(r -> {
            strip(r.head().headers());
            return r;
        });
    }

    static void strip(HttpHeaders h) {
        if (h.contains(HttpHeaderNames.CONNECTION)) {
            removeNamedIn(h.getAll(HttpHeaderNames.CONNECTION), h);
        }
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.UPGRADE);
    }

    /**
     * Every header a Connection value names is for this connection only (close and keep-alive are options), except
     * Host and the framing headers: a message needs them whatever its sender says (`Connection: Host` would leave a
     * request without a Host), so naming them there is ignored, as nginx and Envoy do.
     */
    private static void removeNamedIn(List<String> connection, HttpHeaders h) {
        for (String value : connection) {
            for (String name : value.split(",")) {
                String n = name.trim();
                if (!n.isEmpty() && !KEPT.contains(n.toLowerCase(java.util.Locale.ROOT))) {
                    h.remove(n);
                }
            }
        }
    }

    private static final java.util.Set<String> KEPT = java.util.Set.of("close", "keep-alive", "host",
            "content-length", "transfer-encoding");
}
