package dev.forecourt.edge.policy;

import java.time.Duration;
import java.util.List;

/**
 * Which pages may read answers across origins, and how (CORS, the Fetch standard): the origins ({@code *}: any),
 * the methods and request headers a preflight may ask for, the response headers a page may read, how long a browser
 * keeps a preflight's answer ({@code maxAge}, null: not said), whether credentials (cookies) may come along, and
 * whether these headers replace those the origin sent ({@code originOverride}, CloudFront's name). One set of rules
 * for every role that speaks CORS (a distribution's response headers policy, the IIIF service, an API's
 * {@code cors:} block); the {@link dev.forecourt.edge.stage.Cors} stage applies them.
 */
public record CorsRules(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                        List<String> exposeHeaders, boolean allowCredentials, Duration maxAge, boolean originOverride) {

    /** Any origin, any header. */
    public static final String ANY = "*";

    public CorsRules {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether a page from {@code origin} may read the answers. */
    public boolean allows(String origin) {
        return allowOrigins.contains(ANY) || allowOrigins.contains(origin);
    }

    /**
     * What {@code Access-Control-Allow-Origin} says to a request from {@code origin} (null: the request named none),
     * or null when that origin may not read. {@code *} when any origin may read without credentials: the answer is
     * then the same for every page. Otherwise the origin itself, and only an allowed one: browsers refuse {@code *}
     * with credentials, so an origin allowed with credentials is always named.
     */
    public String allowOrigin(String origin) {
        if (allowOrigins.contains(ANY) && !allowCredentials) {
            return ANY;
        }
        return origin != null && allows(origin) ? origin : null;
    }
}
