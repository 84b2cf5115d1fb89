package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.concurrent.CompletionStage;

/**
 * Makes a response tell its own story: this hop appends itself to {@code Via} (request and response, RFC 9110
 * section 7.6.3) and to {@code Server-Timing} (its time, the upstream's time or the error it made), and sets
 * {@code Server} when the role is configured to (the seed's {@code server: envoy}) or when it answered itself.
 */
public final class HopStamp implements Stage {
    private static final AsciiString FORECOURT = AsciiString.cached("forecourt");
    private final AsciiString server;

    /** {@code server}: the Server header to set on every response, or null to keep the upstream's. */
    public HopStamp(String server) {
        this.server = server == null ? null : new AsciiString(server);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        AsciiString via = x.hop().via(x.protocol());
        x.request().headers().add(HttpHeaderNames.VIA, via);
        return next.serve(x).thenApply(r -> {
            HttpHeaders h = r.head().headers();
            h.add(HttpHeaderNames.VIA, via);
            h.add(HeaderNames.SERVER_TIMING, timing(x));
            if (server != null) {
                h.set(HttpHeaderNames.SERVER, server);
            } else if (x.error() != null) {
                h.set(HttpHeaderNames.SERVER, FORECOURT);
            }
            return r;
        });
    }

    private static String timing(Exchange x) {
        StringBuilder b = new StringBuilder(64).append(x.hop().token()).append(";dur=");
        millis(b, System.nanoTime() - x.startNanos());
        b.append(";desc=\"");
        if (x.cacheResult() != null) {
            b.append(x.cacheResult());
            if (x.error() != null || x.upstreamNanos() >= 0) {
                b.append(' ');
            }
        }
        if (x.error() != null) {
            b.append(x.error().code());
        } else if (x.upstreamNanos() >= 0) {
            b.append("upstream ").append(x.upstream()).append(' ');
            millis(b, x.upstreamNanos());
            b.append("ms");
        } else {
            if (x.cacheResult() == null) {
                b.append("local");
            }
        }
        return b.append('"').toString();
    }

    static void millis(StringBuilder b, long nanos) {
        long micros = nanos / 1000;
        b.append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) b.append('0');
        if (frac < 10) b.append('0');
        b.append(frac);
    }
}
