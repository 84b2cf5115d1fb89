package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import io.netty.util.AsciiString;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a request enters an API: it gets API Gateway's request id ({@code $context.requestId}, 11 random bytes in
 * base64 as AWS's, like {@code Mc7UVioPPHcEKPA=}), and every answer, the API's own errors included, carries it as
 * {@code apigw-requestid}. The domain, and as the answer leaves the caller's claims, are set as log fields when the
 * access log names them (only then: a request pays for no field it does not log).
 */
final class ApiEntrance implements Stage {
    static final AsciiString APIGW_REQUESTID = AsciiString.cached("apigw-requestid");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final String stage;
    private final Map<String, String> stageVariables;
    private final List<ApiLogFields.LoggedClaim> loggedClaims;
    private final boolean logsDomain;

    /** {@code log}: the access log's format (translated; null: none), which says what it needs set. */
    ApiEntrance(String stage, Map<String, String> stageVariables, String log) {
        this.stage = stage;
        this.stageVariables = Map.copyOf(stageVariables);
        this.loggedClaims = log == null ? List.of() : ApiLogFields.claimsIn(log);
        this.logsDomain = log != null && (log.equals("json") || log.contains("${api_domain_"));
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        String id = requestId();
        x.attr(ApiCall.KEY, new ApiCall(id, stage, System.currentTimeMillis(), x.request().uri(), stageVariables));
        x.attr(ApiLogFields.REQUEST_ID, id);
        x.attr(ApiLogFields.STAGE, stage);
        if (logsDomain) {
            x.attr(ApiLogFields.DOMAIN_NAME, x.host());
            x.attr(ApiLogFields.DOMAIN_PREFIX, ContextVariables.domainPrefix(x.host()));
        }
        return next.serve(x).thenApply(r -> {
            r.head().headers().set(APIGW_REQUESTID, id);
            for (ApiLogFields.LoggedClaim c : loggedClaims) {
                x.attr(c.field(), ContextVariables.claim(c.claim(), x));
            }
            return r;
        });
    }

    static String requestId() {
        byte[] b = new byte[11];
        ThreadLocalRandom.current().nextBytes(b);
        return BASE64.encodeToString(b);
    }
}
