package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import java.util.concurrent.CompletionStage;

/**
 * The path of a custom domain's API mapping ({@code v1/orders}: its first two segments) taken off what the API's
 * routes see, as API Gateway strips it; no stage segment follows it, since the mapping names the stage. The request
 * still goes on with it to a link, as it arrived (as API Gateway sends a private integration the path), unless a
 * mapping overwrites the path.
 */
final class MappingPath implements Stage {
    private final int segments;

    MappingPath(int segments) {
        this.segments = segments;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        ApiCall c = x.attr(ApiCall.KEY);
        c.path(ApiMappings.strip(c.arrivedPath(), segments));
        return next.serve(x);
    }
}
