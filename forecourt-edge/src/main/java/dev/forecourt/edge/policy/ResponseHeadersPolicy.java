package dev.forecourt.edge.policy;

import java.time.Duration;
import java.util.List;

/**
 * Headers the edge adds to or removes from responses before viewers see them (CloudFront's response headers
 * policy): CORS ({@link CorsRules}, null: none), security and custom headers ({@code override}: replace what the
 * origin sent, else only fill in), headers to remove ({@code Server} included), and the opt-in CDN
 * {@code Server-Timing} metrics.
 */
public record ResponseHeadersPolicy(String name, CorsRules cors, List<Header> headers, List<String> remove,
                                    boolean serverTiming) {

    public record Header(String name, String value, boolean override) {}

    public ResponseHeadersPolicy {
        headers = headers == null ? List.of() : List.copyOf(headers);
        remove = remove == null ? List.of() : List.copyOf(remove);
    }

    /** The security headers of the managed SecurityHeadersPolicy, each overriding the origin's. */
    public static final List<Header> SECURITY = List.of(
            new Header("Strict-Transport-Security", "max-age=31536000", true),
            new Header("X-Content-Type-Options", "nosniff", true),
            new Header("X-Frame-Options", "SAMEORIGIN", true),
            new Header("Referrer-Policy", "strict-origin-when-cross-origin", true),
            new Header("X-XSS-Protection", "1; mode=block", true));

    private static final CorsRules SIMPLE_CORS = new CorsRules(List.of("*"), List.of("GET", "HEAD"), List.of(),
            List.of("*"), false, null, false);
    private static final CorsRules PREFLIGHT_CORS = new CorsRules(List.of("*"), List.of("DELETE", "GET", "HEAD",
            "OPTIONS", "PATCH", "POST", "PUT"), List.of("*"), List.of("*"), false, Duration.ofSeconds(600), false);

    /** The managed response headers policies, by their cloud names. */
    public static final java.util.Map<String, ResponseHeadersPolicy> MANAGED = java.util.Map.of(
            "SimpleCORS", new ResponseHeadersPolicy("SimpleCORS", SIMPLE_CORS, List.of(), List.of(), false),
            "CORS-With-Preflight", new ResponseHeadersPolicy("CORS-With-Preflight", PREFLIGHT_CORS, List.of(), List.of(), false),
            "SecurityHeadersPolicy", new ResponseHeadersPolicy("SecurityHeadersPolicy", null, SECURITY, List.of(), false),
            "CORS-and-SecurityHeadersPolicy", new ResponseHeadersPolicy("CORS-and-SecurityHeadersPolicy", SIMPLE_CORS,
                    SECURITY, List.of(), false),
            "CORS-With-Preflight-and-SecurityHeadersPolicy", new ResponseHeadersPolicy(
                    "CORS-With-Preflight-and-SecurityHeadersPolicy", PREFLIGHT_CORS, SECURITY, List.of(), false));
}
