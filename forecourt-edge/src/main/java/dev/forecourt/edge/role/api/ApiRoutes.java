package dev.forecourt.edge.role.api;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The route room: picks the request's route ({@link RouteTable}) and hands the request to that route's corridor.
 * No route is API Gateway's 404, whose detail names the routes there are.
 */
final class ApiRoutes implements Service {
    private static final int LISTED = 20;

    private final RouteTable<Service> table;
    private final boolean keepEncodedSlashes;
    private final String stage;
    private final String known;

    ApiRoutes(List<RouteTable.Entry<Service>> routes, boolean keepEncodedSlashes, String stage) {
        this.table = new RouteTable<>(routes);
        this.keepEncodedSlashes = keepEncodedSlashes;
        this.stage = stage;
        List<String> keys = routes.stream().map(e -> e.key().text()).toList();
        this.known = keys.isEmpty() ? "none" : String.join(", ", keys.subList(0, Math.min(LISTED, keys.size())))
                + (keys.size() > LISTED ? " and " + (keys.size() - LISTED) + " more" : "");
    }

    /**
     * A dot segment ({@code .}, {@code ..}, decoded: {@code %2e%2e} too), an empty one before the last, or one that
     * still holds an escape once decoded ({@code %252F} is {@code %2F}: the backend would decode it again, and a
     * variable's value would cut its path there), or escapes that are no UTF-8 ({@code %ff}: decoded to U+FFFD, so
     * that distinct paths would reach the backend as one; a request target is ASCII, so a U+FFFD came from decoding);
     * {@code keptSlashes}: {@code %2F} is the escape kept on purpose.
     */
    static boolean ambiguous(String[] segments, boolean keptSlashes) {
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..") || (s.isEmpty() && i < segments.length - 1) || s.indexOf('\uFFFD') >= 0) {
                return true;
            }
            for (int p = s.indexOf('%'); p >= 0 && p + 2 < s.length(); p = s.indexOf('%', p + 1)) {
                if (Character.digit(s.charAt(p + 1), 16) >= 0
                        && Character.digit(s.charAt(p + 2), 16) >= 0
                        && !(keptSlashes && s.regionMatches(true, p, "%2F", 0, 3))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        ApiCall c = x.attr(ApiCall.KEY);
        String method = x.request().method().name();
        String[] segments = RequestPath.segments(c.path(), keepEncodedSlashes);
        if (ambiguous(segments, keepEncodedSlashes)) {
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.BAD_REQUEST, "the path " + c.path()
                    + " has a '.' or '..' segment, an empty one ('//'), an escape inside an escape (%25XX) or escapes"
                    + " that are no UTF-8 (%ff): routed as written it would reach one route (and its authorizer) while"
                    + " the backend, normalising or decoding it again, serves another", "send the path without dot"
                    + " segments, doubled slashes, %25XX or bytes that are no UTF-8", null));
        }
        RouteTable.Match<Service> m = table.find(method, segments);
        if (m == null) {
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NO_ROUTE, "no route takes "
                    + method + " " + c.path() + " (stage " + stage + "); the routes: " + known,
                    "call one of the routes, or add one for it (a $default route takes what no other does)", null));
        }
        c.match(m);
        x.route(m.route().key().text());
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.note(Phase.DECIDED, "route '" + m.route().key().text() + "'");
        }
        return m.route().value().serve(x);
    }
}
