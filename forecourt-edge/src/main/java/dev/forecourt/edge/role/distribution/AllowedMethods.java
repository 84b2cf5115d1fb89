package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.edge.stage.Errors;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A behavior's {@code allowedMethods}: any other method is answered {@code 405 method_not_allowed} with Allow.
 * {@code *} allows every method.
 */
final class AllowedMethods implements Stage {
    private final List<String> allowed;
    private final String allow;

    AllowedMethods(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.allow = String.join(", ", allowed);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        String m = x.request().method().name();
        if (allowed.contains(m) || allowed.contains("*")) {
            return next.serve(x);
        }
        Response r = Errors.render(x, new ForecourtException(ErrorType.METHOD_NOT_ALLOWED,
                "this behavior (" + x.route() + ") allows " + allow + "; the request used " + m,
                "add " + m + " to the behavior's allowedMethods if the origin should see it", null), Map.of());
        r.head().headers().set(HttpHeaderNames.ALLOW, allow);
        return CompletableFuture.completedFuture(r);
    }
}
