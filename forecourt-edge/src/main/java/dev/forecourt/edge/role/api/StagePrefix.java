package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A named stage's path prefix ({@code /prod}): taken off the path routes see; a path outside it is not found, as
 * API Gateway answers a request for a stage the API does not have. The request still goes on with it, unless a
 * mapping overwrites the path (API Gateway sends a private integration the stage too).
 */
final class StagePrefix implements Stage {
    private final String prefix;

    StagePrefix(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        ApiCall c = x.attr(ApiCall.KEY);
        String p = c.arrivedPath();
        if (!p.startsWith(prefix) || (p.length() > prefix.length() && p.charAt(prefix.length()) != '/')) {
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NO_ROUTE, "the path '" + p
                    + "' is in no stage of this API: its stage is '" + prefix.substring(1) + "', so its paths start "
                    + prefix + "/", "call " + prefix + p + ", or make the stage $default (no prefix)", null));
        }
        c.path(p.length() == prefix.length() ? "/" : p.substring(prefix.length()));
        return next.serve(x);
    }
}
