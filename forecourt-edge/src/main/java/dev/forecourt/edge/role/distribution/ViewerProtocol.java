package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A behavior's viewer protocol policy: {@code allow-all}; {@code redirect-to-https} (301 to the same URL over
 * https, as the cloud does); {@code https-only} (plain HTTP refused).
 */
final class ViewerProtocol implements Stage {
    private final String policy;
    private final String portSuffix; // ":8443", or "" for 443

    ViewerProtocol(String policy, int httpsPort) {
        this.policy = policy;
        this.portSuffix = httpsPort == 443 ? "" : ":" + httpsPort;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        if (x.connection().secure() || policy.equals("allow-all")) {
            return next.serve(x);
        }
        if (policy.equals("redirect-to-https")) {
            Response r = Response.of(HttpResponseStatus.MOVED_PERMANENTLY, "text/plain; charset=utf-8", "");
            r.head().headers().set(HttpHeaderNames.LOCATION, "https://" + x.host() + portSuffix + x.request().uri());
            return CompletableFuture.completedFuture(r);
        }
        return CompletableFuture.failedFuture(new ForecourtException(ErrorType.BAD_REQUEST,
                "this behavior's viewerProtocolPolicy is https-only and the request came over plain HTTP",
                "use https:// for this URL", null));
    }
}
