package dev.forecourt.edge.role.api;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.auth.AuthResult;
import dev.forecourt.edge.auth.JwtAuthorizer;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A route's JWT authorizer as a room: a caller whose token the authorizer accepts goes on, with its claims set for
 * {@code $context.authorizer.claims.*}; any other is answered as API Gateway answers ({@code 401}/{@code 403},
 * {@code {"message":...}}, {@code www-authenticate}) with our headers beside, and the reason in the log only.
 * A token already verified completes at once, on this loop; one that waits for the issuer's keys comes back to it.
 */
final class JwtAuthorization implements Stage {
    private final JwtAuthorizer authorizer;
    private final List<String> scopes;

    JwtAuthorization(JwtAuthorizer authorizer, List<String> scopes) {
        this.authorizer = authorizer;
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        CompletableFuture<AuthResult> result = authorizer.authorize(x.request().headers(), scopes).toCompletableFuture();
        if (result.isDone()) {
            return decide(x, result.join(), next);
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        result.whenComplete((r, failure) -> x.eventLoop().execute(() -> {
            try {
                decide(x, r, next).whenComplete((resp, f) -> {
                    if (f != null) answer.completeExceptionally(f);
                    else answer.complete(resp);
                });
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }));
        return answer;
    }

    private static CompletionStage<Response> decide(Exchange x, AuthResult result, Service next) {
        HopTrace t = Trace.of(x);
        if (result instanceof AuthResult.Allowed allowed) {
            x.attr(ApiAttributes.AUTHORIZER_CLAIMS, allowed.claims());
            if (t != null) {
                t.note(Phase.DECIDED, "authorizer: allowed, sub " + allowed.claims().get("sub"));
            }
            return next.serve(x);
        }
        AuthResult.Denied denied = (AuthResult.Denied) result;
        ErrorType type = denied.status() == 403 ? ErrorType.FORBIDDEN : ErrorType.UNAUTHORIZED;
        x.error(type);
        if (t != null) {
            t.note(Phase.DECIDED, "authorizer: denied, " + denied.status());
            t.failed(type.code(), denied.reason(), denied.fix());
        }
        x.attr(ApiLogFields.AUTHORIZER_ERROR, denied.reason());
        x.attr(ApiLogFields.ERROR_MESSAGE, type == ErrorType.FORBIDDEN ? "Forbidden" : "Unauthorized");
        x.attr(ApiLogFields.ERROR_RESPONSE_TYPE, type == ErrorType.FORBIDDEN ? "ACCESS_DENIED" : "UNAUTHORIZED");
        Response r = Response.of(HttpResponseStatus.valueOf(denied.status()), AuthResult.Denied.CONTENT_TYPE, denied.body());
        if (denied.wwwAuthenticate() != null) {
            r.head().headers().set(HttpHeaderNames.WWW_AUTHENTICATE, denied.wwwAuthenticate());
        }
        String detail = x.hop().showsDetailTo(x.connection()) ? denied.reason() : dev.forecourt.edge.ErrorPage.summary(type);
        r.head().headers()
                .set(HeaderNames.FORECOURT_ERROR, type.code())
                .set(HeaderNames.FORECOURT_HOP, x.hop().id())
                .set(ApiErrors.FORECOURT_DETAIL, ApiErrors.headerText(detail + ". Likely fix: " + denied.fix()))
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return CompletableFuture.completedFuture(r);
    }
}
