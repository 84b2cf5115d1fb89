package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the integration is sent, as API Gateway makes it: to a {@code uri}, its path (variables substituted; the
 * whole request path after it on the {@code $default} route) and its host as Host; through a link, the path as it
 * arrived (stage included) and the Host as it arrived. The query goes along. Then the route's request parameter
 * mappings, every value read from the request as it arrived here, then applied in order.
 */
final class IntegrationRequest implements Stage {
    private final IntegrationUri uri;     // null: a link
    private final boolean defaultRoute;
    private final List<MappingRule> rules;

    IntegrationRequest(IntegrationUri uri, boolean defaultRoute, List<MappingRule> rules) {
        this.uri = uri;
        this.defaultRoute = defaultRoute;
        this.rules = List.copyOf(rules);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        ApiCall c = x.attr(ApiCall.KEY);
        HttpHeaders h = x.request().headers();
        String[] values = values(x, c, h);
        String path;
        if (uri == null) {
            path = c.arrivedPath();
        } else {
            path = uri.path(c.match());
            if (defaultRoute) {
                path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + c.path();
            }
            h.set(HttpHeaderNames.HOST, uri.hostHeader());
        }
        String query = c.query();
        QueryString q = null;
        for (int i = 0; i < rules.size(); i++) {
            MappingRule r = rules.get(i);
            String v = values[i];
            switch (r.target()) {
                case HEADER -> {
                    switch (r.action()) {
                        case APPEND -> h.add(r.name(), v);
                        case OVERWRITE -> {
                            // a Host from a variable that came out empty (a header the client did not send): the
                            // request keeps the Host it had, rather than one every server refuses
                            if (!v.isBlank() || !r.name().equalsIgnoreCase("host")) {
                                h.set(r.name(), v);
                            }
                        }
                        case REMOVE -> h.remove(r.name());
                    }
                }
                case QUERYSTRING -> {
                    q = q == null ? QueryString.parse(query) : q;
                    switch (r.action()) {
                        case APPEND -> q.append(r.name(), v);
                        case OVERWRITE -> q.overwrite(r.name(), v);
                        case REMOVE -> q.remove(r.name());
                    }
                }
                case PATH -> path = RequestPath.encode(v.startsWith("/") ? v : "/" + v);
                case STATUSCODE -> { } // a response's
            }
        }
        if (q != null) {
            query = q.text();
        }
        x.request().setUri((path.isEmpty() ? "/" : path) + (query == null || query.isEmpty() ? "" : "?" + query));
        return next.serve(x);
    }

    /** Every mapping's value, read before any is applied (a rename reads the header it then removes). */
    private String[] values(Exchange x, ApiCall c, HttpHeaders h) {
        String[] values = new String[rules.size()];
        if (values.length == 0) {
            return values;
        }
        var lookup = c.lookup(x, h, null);
        for (int i = 0; i < values.length; i++) {
            MappingRule r = rules.get(i);
            values[i] = r.action() == MappingRule.Action.REMOVE ? null
                    : r.target() == MappingRule.Target.HEADER ? headerValue(r.value().evaluate(lookup))
                    : r.value().evaluate(lookup);
        }
        return values;
    }

    /** A header value from what a client sent (a decoded path, a claim): no line breaks or other controls. */
    static String headerValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                StringBuilder b = new StringBuilder(v.length());
                for (int k = 0; k < v.length(); k++) {
                    char d = v.charAt(k);
                    b.append((d < 0x20 && d != '\t') || d == 0x7f ? ' ' : d);
                }
                return b.toString();
            }
        }
        return v;
    }
}
