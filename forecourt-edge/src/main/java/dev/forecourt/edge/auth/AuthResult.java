package dev.forecourt.edge.auth;

import java.util.List;
import java.util.Map;

/**
 * What an authorizer decided for one request: {@link Allowed} with the token's claims, or {@link Denied} with the
 * answer API Gateway gives and our reason for the log and the trace.
 */
public sealed interface AuthResult {

    /** The request goes on; {@code claims} are {@code $context.authorizer.claims.*} for mapping and logs. */
    record Allowed(Map<String, Object> claims) implements AuthResult {
        public Allowed {
            claims = Map.copyOf(claims);
        }

        /**
         * One claim as text, as it goes into a header, a path or a log line ({@code $context.authorizer.claims.x}):
         * strings as they are, numbers and booleans as JSON writes them, lists in brackets separated by spaces
         * ({@code [admin users]}, as API Gateway shows a list claim); null when the token has no such claim.
         */
        public String claim(String name) {
            return text(claims.get(name));
        }

        /** A claim's value as {@link #claim} writes it; null for null. */
        public static String text(Object v) {
            if (v == null) return null;
            if (v instanceof List<?> list) {
                StringBuilder b = new StringBuilder("[");
                for (Object o : list) {
                    if (b.length() > 1) b.append(' ');
                    b.append(o);
                }
                return b.append(']').toString();
            }
            return v.toString();
        }
    }

    /**
     * The request is answered here: {@code status} 401 or 403, {@code body} AWS's JSON, {@code wwwAuthenticate} the
     * challenge AWS sends; {@code reason} is ours, for {@code $context.authorizer.error}, the log and the trace (never
     * sent to the client: it may name keys and claims).
     */
    record Denied(int status, String body, String wwwAuthenticate, String reason, String fix) implements AuthResult {
        public static final String CONTENT_TYPE = "application/json";
        static final String UNAUTHORIZED_BODY = "{\"message\":\"Unauthorized\"}";
        static final String FORBIDDEN_BODY = "{\"message\":\"Forbidden\"}";
        /** What to do about a refused token, the usual case; {@link #fix} says it where the case is another. */
        public static final String TOKEN_FIX = "send one token the route's authorizer accepts, in its identitySource"
                + " (Authorization: Bearer TOKEN by default): its issuer, one of its audience, not expired.";

        Denied(int status, String body, String wwwAuthenticate, String reason) {
            this(status, body, wwwAuthenticate, reason, status == 403
                    ? dev.forecourt.edge.ErrorPage.usualFix(dev.forecourt.http.ErrorType.FORBIDDEN) : TOKEN_FIX);
        }

        /** 401: no usable token. {@code description} goes to the client in AWS's challenge; {@code reason} to logs. */
        static Denied unauthorized(String description, String reason) {
            return new Denied(401, UNAUTHORIZED_BODY,
                    "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"", reason);
        }

        /**
         * 401 with no key to check any token by: the identity provider's key set could not be had. The token may be
         * good, so the fix is the operator's, not the caller's.
         */
        static Denied keysUnavailable(String reason) {
            return new Denied(401, UNAUTHORIZED_BODY, "Bearer scope=\"\" error=\"invalid_token\" error_description="
                    + "\"the signing keys are unavailable\"", reason, "make the authorizer's jwksUri (or jwksFile) give a"
                    + " key set: the log says why it could not be loaded; the token itself may be good.");
        }

        /** 401 for a request with no token at all: a bare challenge (RFC 6750 section 3.1: no error code then). */
        static Denied missing(String reason) {
            return new Denied(401, UNAUTHORIZED_BODY, "Bearer", reason);
        }

        /** 403: a good token without one of the route's scopes. */
        static Denied forbidden(List<String> routeScopes, String reason) {
            return new Denied(403, FORBIDDEN_BODY, "Bearer scope=\"" + String.join(" ", routeScopes)
                    + "\" error=\"insufficient_scope\" error_description=\"the token does not have the required scope\"",
                    reason);
        }
    }
}
