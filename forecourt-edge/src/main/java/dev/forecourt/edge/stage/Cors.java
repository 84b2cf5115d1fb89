package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.policy.CorsRules;
import dev.forecourt.http.Body;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CORS by one set of {@link CorsRules} for every role. The roles differ in who answers a preflight (an OPTIONS with
 * {@code Access-Control-Request-Method}) and in which answers get the headers, so each takes its own constructor:
 * {@link #onAnswers} (a distribution), {@link #answeringPreflights} (an API), {@link #publicResource} (IIIF). In all
 * of them an origin the rules do not allow is never named, {@code *} never goes with credentials, and an answer
 * that names the origin says {@code Vary: Origin}, so that no cache hands one page's answer to another.
 */
public final class Cors implements Stage {
    private final CorsRules rules;
    private final boolean answersPreflights;
    private final boolean everyAnswer;
    private final boolean dropsIntegrations; // an API's: the integration's own CORS headers never reach the client
    // joined once here, not for every answer; null: not said
    private final String methods;
    private final String headers;
    private final String expose;
    private final String maxAge;

    private Cors(CorsRules rules, boolean answersPreflights, boolean everyAnswer, boolean dropsIntegrations) {
        this.rules = rules;
        this.answersPreflights = answersPreflights;
        this.everyAnswer = everyAnswer;
        this.dropsIntegrations = dropsIntegrations;
        this.methods = joined(rules.allowMethods());
        this.headers = joined(rules.allowHeaders());
        this.expose = joined(rules.exposeHeaders());
        this.maxAge = rules.maxAge() == null ? null : Long.toString(rules.maxAge().toSeconds());
    }

    /**
     * A distribution's response headers policy, as CloudFront applies one: the headers go on the answers to CORS
     * requests (those with an {@code Origin}), from the cache or the origin. A preflight is not answered here: it
     * goes on like any request (when the behavior allows OPTIONS), and its answer gets the preflight's headers too,
     * {@code allowHeaders} written as listed ({@code *} included).
     */
    public static Cors onAnswers(CorsRules rules) {
        return new Cors(rules, false, false, false);
    }

    /**
     * An API's {@code cors:} block, as API Gateway applies one: preflights are answered here (204), the integration
     * never sees them; the answers to other CORS requests get the headers, and no answer keeps the integration's own. {@code allowHeaders: [*]} is answered with
     * the headers the preflight asked for, which browsers accept with credentials too (they read {@code *} literally
     * then).
     */
    public static Cors answeringPreflights(CorsRules rules) {
        return new Cors(rules, true, false, true);
    }

    /**
     * A public resource (the IIIF Image API's {@code cors} feature): preflights answered here, as
     * {@link #answeringPreflights}, and every answer carries the headers whether the request named an origin or not,
     * so one cached copy serves every page. The rules must let any origin read without credentials.
     */
    public static Cors publicResource(CorsRules rules) {
        if (!CorsRules.ANY.equals(rules.allowOrigin(null))) {
            throw new IllegalArgumentException("a public resource lets any origin read, without credentials: " + rules);
        }
        return new Cors(rules, true, true, false);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders request = x.request().headers();
        String origin = request.get(HttpHeaderNames.ORIGIN);
        if (origin == null && !everyAnswer) {
            // not a CORS request: nothing to say (an API says the integration's CORS headers are not its to say)
            return dropsIntegrations ? next.serve(x).thenApply(Cors::withoutIntegrations) : next.serve(x);
        }
        boolean preflight = HttpMethod.OPTIONS.equals(x.request().method())
                && request.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight && answersPreflights) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            addTo(head.headers(), origin, true, answered(request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)));
            return CompletableFuture.completedFuture(new Response(head, Body.EMPTY));
        }
        return next.serve(x).thenApply(r -> {
            if (dropsIntegrations) {
                withoutIntegrations(r);
            }
            addTo(r.head().headers(), origin, preflight, headers);
            return r;
        });
    }

    /**
     * The answer without the {@code Access-Control-*} headers that came with it: where CORS is answered here, "API
     * Gateway ignores CORS headers returned from your backend integration" (http-api-cors), so a backend that
     * reflects every Origin opens no door the rules keep shut.
     */
    private static Response withoutIntegrations(Response r) {
        HttpHeaders h = r.head().headers();
        for (AsciiString name : RESPONSE_HEADERS) { // by name: a look-up each, no walk over every header per answer
            h.remove(name);
        }
        return r;
    }

    /** The CORS response headers (Fetch standard), and Private Network Access's. */
    private static final List<AsciiString> RESPONSE_HEADERS = List.of(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN,
            HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
            HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
            HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, HttpHeaderNames.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK);

    /**
     * Adds the CORS headers for a request from {@code origin} to an answer's headers ({@code preflight}: also the
     * methods, {@code allowHeaders} and the max age); nothing when the origin may not read, or when the answer has
     * its own {@code Access-Control-Allow-Origin} and the rules do not override it.
     */
    void addTo(HttpHeaders h, String origin, boolean preflight, String allowHeaders) {
        String allowOrigin = rules.allowOrigin(origin);
        if (allowOrigin == null || (!rules.originOverride() && h.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))) {
            return;
        }
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        if (!allowOrigin.equals(CorsRules.ANY)) {
            h.add(HttpHeaderNames.VARY, "Origin");
        }
        if (rules.allowCredentials()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (expose != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        if (preflight) {
            if (methods != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
            }
            if (allowHeaders != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders);
            }
            if (maxAge != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
            }
        }
    }

    /** What a preflight answered here allows: {@code *} stands for the headers asked for (none asked: none said). */
    String answered(String asked) {
        return rules.allowHeaders().contains(CorsRules.ANY) ? asked : headers;
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
