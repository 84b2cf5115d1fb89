package dev.forecourt.edge.auth;

/**
 * The token in an identity source's value. API Gateway takes "only the token, or the token prefixed with Bearer"
 * (http-api-jwt-authorizer); the scheme is matched case-insensitively, as RFC 9110 section 11.1 has it.
 */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {}

    /** The token, or null when there is none (absent, blank, or the scheme alone). */
    static String in(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            v = v.substring(SCHEME.length()).strip();
        } else if (v.equalsIgnoreCase("Bearer")) {
            return null;
        }
        return v.isEmpty() ? null : v;
    }
}
