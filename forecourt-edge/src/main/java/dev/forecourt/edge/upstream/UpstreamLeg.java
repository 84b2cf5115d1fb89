package dev.forecourt.edge.upstream;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.http.Body;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.http.UpstreamCallback;
import io.netty.handler.codec.http.HttpResponse;
import dev.forecourt.edge.trace.HopNotes;
import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Trace;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One exchange's request sent to one upstream endpoint: marks the upstream leg on the exchange (for Server-Timing and
 * the log) and completes {@code answer} with the response, or fails it. A caller that would rather try elsewhere on
 * failure overrides {@link #onFailure}: still one object per request, the callback itself.
 */
public class UpstreamLeg implements UpstreamCallback {
    private final Exchange x;
    protected final CompletableFuture<Response> answer;
    private Endpoint endpoint;

    public UpstreamLeg(Exchange x, CompletableFuture<Response> answer) {
        this.x = x;
        this.answer = answer;
    }

    public final void sendTo(Endpoint endpoint) {
        x.upstreamStarted(endpoint.name());
        this.endpoint = endpoint;
        endpoint.exchange(x.eventLoop(), x.request(), x.body(), this);
    }

    @Override
    public final void onResponse(HttpResponse head, Body body) {
        x.upstreamAnswered();
        answer.complete(new Response(head, body));
    }

    @Override
    public final void onConnection(InetSocketAddress local, InetSocketAddress remote, boolean reused) {
        HopTrace t = Trace.of(x);
        if (t != null) {
            var tls = endpoint.settings().tls();
            String name = tls == null ? null : tls.serverName();
            boolean sent = name != null && !NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name);
            HopNotes.sent(t, x, endpoint.name(), tls == null ? null : sent ? name : "", local, remote, reused); // "": no SNI
        }
    }

    @Override
    public void onFailure(ForecourtException failure) {
        answer.completeExceptionally(failure);
    }
}
