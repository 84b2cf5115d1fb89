package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.Exchange;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * One request's walk through an API, as its rooms share it: API Gateway's request id, the stage, the path as it
 * arrived and without the stage, the query, the route chosen; and what mappings read ({@link #lookup}).
 */
final class ApiCall {
    static final Attribute<ApiCall> KEY = Attribute.of("api.call");

    private final String requestId;
    private final String stage;
    private final long startMillis;
    private final String arrivedPath;
    private final String query;
    private final Map<String, String> stageVariables;
    private String path;
    private RouteTable.Match<?> match;

    ApiCall(String requestId, String stage, long startMillis, String uri, Map<String, String> stageVariables) {
        this.requestId = requestId;
        this.stage = stage;
        this.startMillis = startMillis;
        this.stageVariables = stageVariables;
        this.arrivedPath = pathOf(uri);
        int q = uri.indexOf('?', pathStart(uri));
        this.query = q < 0 ? null : uri.substring(q + 1);
        this.path = arrivedPath;
    }

    /** The path of a request target (origin-form or absolute-form), without the query, starting with '/'. */
    static String pathOf(String uri) {
        int from = pathStart(uri);
        int q = uri.indexOf('?', from);
        String p = uri.substring(from, q < 0 ? uri.length() : q);
        return p.startsWith("/") ? p : "/" + p;
    }

    private static int pathStart(String uri) {
        return uri.startsWith("/") ? 0 : Math.max(0, uri.indexOf('/', uri.indexOf("://") + 3)); // absolute-form
    }

    String requestId() {
        return requestId;
    }

    String stage() {
        return stage;
    }

    long startMillis() {
        return startMillis;
    }

    /** The path as it arrived, stage included, still encoded ({@code $context.path}). */
    String arrivedPath() {
        return arrivedPath;
    }

    /** The path without the stage, still encoded ({@code $request.path}). */
    String path() {
        return path;
    }

    void path(String withoutStage) {
        this.path = withoutStage;
    }

    /** The query as it arrived, without '?', or null. */
    String query() {
        return query;
    }

    RouteTable.Match<?> match() {
        return match;
    }

    void match(RouteTable.Match<?> match) {
        this.match = match;
    }

    /** What a mapping's references read: {@code request}'s headers, {@code response}'s (null: none yet), and this walk. */
    MappingValue.Lookup lookup(Exchange x, HttpHeaders request, HttpHeaders response) {
        return (source, name) -> switch (source) {
            case REQUEST_HEADER -> joined(request.getAll(name));
            case REQUEST_QUERYSTRING -> QueryString.values(query, name);
            case REQUEST_PATH -> path;
            case PATH_VARIABLE -> match == null ? null : match.variable(name);
            case CONTEXT -> ContextVariables.value(name, x, this);
            case STAGE_VARIABLE -> stageVariables.get(name);
            case RESPONSE_HEADER -> response == null ? null : joined(response.getAll(name));
        };
    }

    /** Several values of one header as API Gateway gives them: joined with commas. */
    private static String joined(List<String> values) {
        return values.isEmpty() ? null : values.size() == 1 ? values.getFirst() : String.join(",", values);
    }
}
