package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.http.TimeText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The {@code $context.*} variables this gateway knows, with API Gateway's names and meanings, as parameter mappings
 * read them. (The access log names its own fields for them: {@link ApiLogFields}.)
 */
final class ContextVariables {
    private ContextVariables() {}

    static final List<String> NAMES = List.of("requestId", "extendedRequestId", "apiId", "stage", "routeKey",
            "httpMethod", "path", "protocol", "domainName", "domainPrefix", "identity.sourceIp", "identity.userAgent",
            "requestTime", "requestTimeEpoch", "authorizer.claims.NAME");
    private static final String CLAIMS = "authorizer.claims.";

    static boolean known(String name) {
        return (name.startsWith(CLAIMS) && name.length() > CLAIMS.length())
                || (!name.endsWith("NAME") && NAMES.contains(name));
    }

    static String names() {
        return String.join(", ", NAMES.stream().map(n -> "$context." + n).toList());
    }

    /** The value of {@code $context.NAME} for this exchange (null: none, as a claim not in the token). */
    static String value(String name, Exchange x, ApiCall call) {
        return switch (name) {
            case "requestId", "extendedRequestId" -> call.requestId();
            case "apiId" -> x.hop().name();
            case "stage" -> call.stage();
            case "routeKey" -> x.route();
            case "httpMethod" -> x.request().method().name();
            case "path" -> call.arrivedPath();
            case "protocol" -> x.protocol();
            case "domainName" -> x.host();
            case "domainPrefix" -> domainPrefix(x.host());
            case "identity.sourceIp" -> x.connection().clientIp();
            case "identity.userAgent" -> x.userAgent();
            case "requestTime" -> TimeText.common(Instant.ofEpochMilli(call.startMillis()), ZoneOffset.UTC); // CLF
            case "requestTimeEpoch" -> Long.toString(call.startMillis());
            default -> claim(name.substring(CLAIMS.length()), x);
        };
    }

    /** The first label of a host ({@code api} of {@code api.example.org}), or null. */
    static String domainPrefix(String host) {
        int dot = host == null ? -1 : host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /**
     * A claim of the caller's verified token as text, or null (no authorizer, or not in the token); an array as API
     * Gateway's JWT authorizer writes one, {@code [admin users]} ({@link dev.forecourt.edge.auth.AuthResult.Allowed#text}).
     */
    static String claim(String name, Exchange x) {
        Map<String, Object> claims = x.attr(ApiAttributes.AUTHORIZER_CLAIMS);
        return claims == null ? null : dev.forecourt.edge.auth.AuthResult.Allowed.text(claims.get(name));
    }
}
