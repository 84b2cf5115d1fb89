package dev.forecourt.edge.cache;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A GET or HEAD that carries a body is refused ({@code 400 bad_request}; CloudFront answers 403): the cache keys
 * reads by their url, so an origin that answered the body would have its answer stored for every viewer of that
 * url (cache poisoning by anyone). The body is dropped unread (the connection closes if it was still arriving).
 * As a stage (a distribution's behavior) it answers the taxonomy's page; the {@link CacheStage} also refuses such a
 * request itself ({@link #refusal}), so that a role's own error room words the answer.
 */
public final class GetWithBody implements Stage {

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        ForecourtException refused = refusal(x);
        return refused == null ? next.serve(x) : CompletableFuture.completedFuture(Errors.render(x, refused, Map.of()));
    }

    /** Why this request must not meet a cache, or null. */
    static ForecourtException refusal(Exchange x) {
        HttpMethod m = x.request().method();
        if (x.body() == Body.EMPTY || !(m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD))) {
            return null;
        }
        return new ForecourtException(ErrorType.BAD_REQUEST, "a " + m + " request with a body (Content-Length or"
                + " Transfer-Encoding) is refused: this hop caches " + m + " answers by url, so a body must not change"
                + " them", "send the data with POST or PUT, or in the query string", null);
    }
}
