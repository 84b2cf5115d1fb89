package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.upstream.UpstreamLeg;
import dev.forecourt.http.Endpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The end of a behavior's corridor: its origin, over a pooled connection. With {@code match-viewer} the viewer's
 * scheme picks the plain or the TLS endpoint; otherwise there is one.
 */
final class OriginService implements Service {
    private final Endpoint http;
    private final Endpoint https;

    /** Either may be null when the protocol policy never uses it. */
    OriginService(Endpoint http, Endpoint https) {
        this.http = http;
        this.https = https;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        Endpoint e = https == null ? http : http == null ? https : x.connection().secure() ? https : http;
        CompletableFuture<Response> answer = new CompletableFuture<>();
        new UpstreamLeg(x, answer).sendTo(e); // one origin: a failure is the answer (502/504), nothing to eject
        return answer;
    }
}
