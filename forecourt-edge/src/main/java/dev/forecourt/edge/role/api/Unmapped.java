package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a custom domain answers when none of its API mappings takes the path (it maps no {@code ""}), or its listener
 * when the Host is none of its domains: API Gateway's 404 {@code {"message":"Not Found"}}, the detail naming the
 * mappings there are, or the domains.
 */
final class Unmapped implements Service {
    private final String domain;
    private final String known;

    /** {@code domain}: whose mappings ({@code known}) took nothing; null: the Host is none of {@code known}. */
    Unmapped(String domain, String known) {
        this.domain = domain;
        this.known = known;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        if (domain == null) {
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NO_ROUTE, "the Host '"
                    + x.request().headers().get(HttpHeaderNames.HOST) + "' is none of the custom domain names on this"
                    + " listener: " + known, "call one of them, or add it to domainNames", null));
        }
        return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NO_ROUTE, "no API mapping of the domain"
                + " '" + domain + "' takes the path " + x.attr(ApiCall.KEY).arrivedPath() + "; its mappings: " + known,
                "call a path under one of them, or map \"\" to an API for what none takes", null));
    }
}
