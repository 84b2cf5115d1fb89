package dev.forecourt.edge.role.api;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.throttle.Limit;
import dev.forecourt.edge.throttle.Throttle;
import dev.forecourt.edge.throttle.Verdict;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A route's throttling as a room: the route's bucket, then the API's (one per API, shared by its routes), each per
 * caller when its {@code key} says so; a request either takes a token from each or is answered 429
 * {@code {"message":"Too Many Requests"}} (API Gateway's, with {@code forecourt-error: throttled} beside). Buckets are
 * this process's, or shared with the others through Redis when the file has {@code cluster:}.
 */
final class ApiThrottling implements Stage {
    /** A caller's key longer than this is cut: a header's value must not make a bucket key of any size. */
    private static final int MAX_CALLER_KEY = 256;

    private static final CompletableFuture<Verdict> ALLOWED = CompletableFuture.completedFuture(Verdict.ALLOWED);

    private final Throttle throttle;
    private final Bucket route;
    private final Bucket api;

    /** One bucket's name, limits and caller key (null: not throttled at this level). */
    record Bucket(String name, Limit limit, MappingValue key) {
        static Bucket of(String name, ThrottleConfig c) {
            return c == null ? null : new Bucket(name, new Limit(c.rateLimit(), c.burstLimit()), c.key());
        }

        String keyFor(Exchange x) {
            if (key == null) return name;
            ApiCall call = x.attr(ApiCall.KEY);
            String caller = call == null ? null : key.evaluate(call.lookup(x, x.request().headers(), null));
            if (caller == null || caller.isEmpty()) caller = "-"; // no key value: the callers without one share a bucket
            return name + "|" + (caller.length() > MAX_CALLER_KEY ? caller.substring(0, MAX_CALLER_KEY) : caller);
        }
    }

    ApiThrottling(Throttle throttle, Bucket route, Bucket api) {
        this.throttle = throttle;
        this.route = route;
        this.api = api;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        // local buckets answer at once: decided here without a stage per request; Redis's come back later
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.note(Phase.DECIDED, "throttle: a token from " + (route == null ? "" : "the route's bucket " + route.limit()
                    + (api == null ? "" : " and ")) + (api == null ? "" : "the API's bucket " + api.limit())
                    + " (none left: 429 throttled)");
        }
        CompletableFuture<Verdict> first = take(x, route);
        if (first.isDone()) {
            return first.join().allowed() ? thenApi(x, next) : throttled();
        }
        return first.thenCompose(v -> v.allowed() ? thenApi(x, next) : throttled());
    }

    private CompletionStage<Response> thenApi(Exchange x, Service next) {
        CompletableFuture<Verdict> second = take(x, api);
        if (second.isDone()) {
            return second.join().allowed() ? next.serve(x) : throttled();
        }
        return second.thenCompose(v -> v.allowed() ? next.serve(x) : throttled());
    }

    private CompletableFuture<Verdict> take(Exchange x, Bucket b) {
        return b == null ? ALLOWED : throttle.tryTake(b.keyFor(x), b.limit(), x.eventLoop()).toCompletableFuture();
    }

    private static CompletionStage<Response> throttled() {
        return CompletableFuture.failedFuture(new ForecourtException(ErrorType.THROTTLED, "the route's or the API's"
                + " token bucket is empty (rateLimit, burstLimit)"));
    }
}
