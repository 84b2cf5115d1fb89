package dev.forecourt.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every error Forecourt makes itself, with its fixed status (ARCHITECTURE.md section 3). Roles map these onto
 * their own names (API Gateway's responseType, CloudFront's result types); the wire name is {@link #code()}.
 */
public enum ErrorType {
    NO_ROUTE(404, "no_route"),
    BAD_REQUEST(400, "bad_request"),
    REQUEST_TIMEOUT(408, "request_timeout"),
    URI_TOO_LONG(414, "uri_too_long"),
    // An HTTP/1 request line naming a later major version (HTTP/2.0 in it: a client that should have spoken h2).
    HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported"),
    REQUEST_HEADER_TOO_LARGE(431, "request_header_too_large"),
    THROTTLED(429, "throttled"),
    NO_HEALTHY_UPSTREAM(503, "no_healthy_upstream"),
    UPSTREAM_CONNECT_FAILURE(502, "upstream_connect_failure"),
    UPSTREAM_TLS_FAILURE(502, "upstream_tls_failure"),
    UPSTREAM_TIMEOUT(504, "upstream_timeout"),
    UPSTREAM_RESET(502, "upstream_reset"),
    UPSTREAM_BAD_RESPONSE(502, "upstream_bad_response"),
    INTERNAL_ERROR(500, "internal_error"),
    // Answers an embedded app (the IIIF image service) makes about what it serves, not about the wire.
    NOT_FOUND(404, "not_found"),
    // The admin listener's answer to a change (an invalidation) without its token.
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    IMAGE_TOO_LARGE(422, "image_too_large"),
    NOT_IMPLEMENTED(501, "not_implemented"),
    OVERLOADED(503, "overloaded"),
    // A cache's answer to Cache-Control: only-if-cached with nothing usable stored (RFC 9111 section 5.2.1.7).
    NOT_CACHED(504, "not_cached");

    private final HttpResponseStatus status;
    private final String code;

    ErrorType(int status, String code) {
        this.status = HttpResponseStatus.valueOf(status);
        this.code = code;
    }

    /** The status this type answers with by default; a role may choose another for the upstream_* types. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The name on the wire ({@code forecourt-error}) and in logs. */
    public String code() {
        return code;
    }
}
