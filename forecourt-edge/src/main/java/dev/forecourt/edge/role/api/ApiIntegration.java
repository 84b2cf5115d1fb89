package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.upstream.UpstreamLeg;
import dev.forecourt.http.Endpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The end of a route's corridor: its integration's endpoint, over a pooled connection; its status is logged. */
final class ApiIntegration implements Service {
    private final Endpoint endpoint;

    ApiIntegration(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        new UpstreamLeg(x, answer).sendTo(endpoint);
        return answer.thenApply(r -> {
            x.attr(ApiLogFields.INTEGRATION_STATUS, r.head().status().code());
            return r;
        });
    }
}
