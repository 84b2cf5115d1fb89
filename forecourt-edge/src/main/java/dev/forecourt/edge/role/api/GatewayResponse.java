package dev.forecourt.edge.role.api;

import dev.forecourt.http.ErrorType;

/**
 * How an HTTP API answers an error of the taxonomy: its status, its {@code {"message": ...}} and its
 * {@code $context.error.responseType}. HTTP APIs answer an integration they cannot reach, or that does not answer
 * in time, with 503 "Service Unavailable" (the seed's 503 when no SNI is sent); an answer that is no HTTP with 500.
 */
record GatewayResponse(int status, String message, String responseType) {

    static GatewayResponse of(ErrorType type) {
        return switch (type) {
            case NO_ROUTE -> new GatewayResponse(404, "Not Found", "RESOURCE_NOT_FOUND");
            case BAD_REQUEST -> new GatewayResponse(400, "Bad Request", "BAD_REQUEST_PARAMETERS");
            case THROTTLED -> new GatewayResponse(429, "Too Many Requests", "THROTTLED");
            case UNAUTHORIZED -> new GatewayResponse(401, "Unauthorized", "UNAUTHORIZED");
            case NO_HEALTHY_UPSTREAM, UPSTREAM_CONNECT_FAILURE, UPSTREAM_TLS_FAILURE ->
                    new GatewayResponse(503, "Service Unavailable", "INTEGRATION_NETWORK_FAILURE");
            case UPSTREAM_TIMEOUT -> new GatewayResponse(503, "Service Unavailable", "INTEGRATION_TIMEOUT");
            case UPSTREAM_RESET, UPSTREAM_BAD_RESPONSE ->
                    new GatewayResponse(500, "Internal Server Error", "INTEGRATION_FAILURE");
            default -> type.status().code() >= 500
                    ? new GatewayResponse(type.status().code(), type.status().reasonPhrase(), "DEFAULT_5XX")
                    : new GatewayResponse(type.status().code(), type.status().reasonPhrase(), "DEFAULT_4XX");
        };
    }

    /** The body AWS clients parse. */
    String body() {
        return "{\"message\":\"" + message + "\"}";
    }
}
