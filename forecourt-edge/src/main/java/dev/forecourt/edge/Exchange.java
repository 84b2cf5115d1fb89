package dev.forecourt.edge;

import dev.forecourt.http.Body;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ServerExchange;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One request/response pair as it walks a hop, and the context its stages share: which hop and route took it,
 * which upstream answered, timings, the trace. Stages pass facts to each other here, never in headers.
 */
public final class Exchange {
    private final ServerExchange wire;
    private final HttpRequest request;
    private final Body body;
    private final HopId hop;
    private final String host;
    private final String arrivedHost;
    private final String arrivedUri;
    private final String userAgent;
    private String cacheResult;
    private long firstByteNanos;
    private String route;
    private String upstream;
    private long upstreamStartNanos;
    private long upstreamNanos = -1;
    private ErrorType error;
    private String traceId;
    private String requestId;
    private String functionHost;
    private Object[] attributes; // a role's facts by Attribute.index, made on first use: most exchanges have none

    /** {@code arrivedHost}: the Host header as it arrived (the hop has read it already: one look-up, not two). */
    public Exchange(ServerExchange wire, HopId hop, String arrivedHost) {
        this(wire, wire.request(), wire.body(), hop, dev.forecourt.http.HostHeader.hostOnly(arrivedHost), arrivedHost,
                wire.request().uri(), wire.request().headers().get(HttpHeaderNames.USER_AGENT));
    }

    /** A fork keeps what the viewer sent (its own head may be another url: a custom error page, a revalidation). */
    private Exchange(ServerExchange wire, HttpRequest request, Body body, HopId hop, String host, String arrivedHost,
                     String arrivedUri, String userAgent) {
        this.wire = wire;
        this.request = request;
        this.body = body;
        this.hop = hop;
        this.host = host;
        // the rooms behind edit the head in place for the next hop (Host, path prefix, headers no policy takes):
        // what the viewer sent is kept here, for the access log
        this.arrivedHost = arrivedHost;
        this.arrivedUri = arrivedUri;
        this.userAgent = userAgent;
    }

    /**
     * A sibling exchange for work the hop does on its own behalf (a background revalidation): same connection, hop
     * and trace, its own request head (a copy of {@code request}), no body. Its answer goes to whoever asked.
     */
    public Exchange fork(HttpRequest request) {
        Exchange f = new Exchange(wire, request, Body.EMPTY, hop, host, arrivedHost, arrivedUri, userAgent);
        f.route = route;
        f.traceId = traceId;
        f.requestId = requestId;
        f.functionHost = functionHost;
        return f;
    }

    public HttpRequest request() {
        return request;
    }

    public Body body() {
        return body;
    }

    public ConnectionInfo connection() {
        return wire.connection();
    }

    /**
     * The protocol the request came in: the connection's ({@code HTTP/1.1}, {@code HTTP/2}), or {@code HTTP/1.0} for
     * a request of that version on an HTTP/1 connection (for the access log and {@code Via}, RFC 9110 7.6.3).
     */
    public String protocol() {
        return wire.request().protocolVersion() == HttpVersion.HTTP_1_0 ? HTTP_1_0
                : wire.connection().protocol();
    }

    private static final String HTTP_1_0 = "HTTP/1.0";

    /**
     * Runs {@code action} on the event loop if the client leaves before this exchange is answered (see
     * {@link ServerExchange#whenClientGone}): for work done only for this answer, such as a render still queued.
     */
    public void whenClientGone(Runnable action) {
        wire.whenClientGone(action);
    }

    public EventLoop eventLoop() {
        return wire.eventLoop();
    }

    public HopId hop() {
        return hop;
    }

    /** The Host that arrived, without port, lower case. */
    public String host() {
        return host;
    }

    /** The Host header as it arrived (with its port, its case), before any room rewrote it. */
    public String arrivedHost() {
        return arrivedHost;
    }

    /** The request target as it arrived, before functions, path prefixes and query filters. */
    public String arrivedUri() {
        return arrivedUri;
    }

    /** The User-Agent as it arrived (a policy may not pass it on). */
    public String userAgent() {
        return userAgent;
    }

    public long startNanos() {
        return wire.startNanos();
    }

    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }

    public String upstream() {
        return upstream;
    }

    /** Marks the start of the upstream leg to {@code upstream} (host:port). */
    public void upstreamStarted(String upstream) {
        this.upstream = upstream;
        this.upstreamStartNanos = System.nanoTime();
    }

    /** The upstream's response head arrived. */
    public void upstreamAnswered() {
        this.upstreamNanos = System.nanoTime() - upstreamStartNanos;
    }

    /** Time from sending upstream to its response head, or -1 if no upstream answered. */
    public long upstreamNanos() {
        return upstreamNanos;
    }

    /** How the cache answered (CloudFront's result types: Hit, RefreshHit, Miss), or null if no cache did. */
    public String cacheResult() {
        return cacheResult;
    }

    public void cacheResult(String result) {
        this.cacheResult = result;
    }

    /** When the response head was handed to the wire ({@link System#nanoTime()}), or 0 before. */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    public void responded() {
        this.firstByteNanos = System.nanoTime();
    }

    public ErrorType error() {
        return error;
    }

    public void error(ErrorType error) {
        this.error = error;
    }

    /** The value a stage set under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T attr(Attribute<T> key) {
        Object[] a = attributes;
        return a == null || key.index >= a.length ? null : (T) a[key.index];
    }

    /** Sets {@code key}'s value for the stages after this one (and the access log, for a logged key). */
    public <T> void attr(Attribute<T> key, T value) {
        if (attributes == null) {
            attributes = new Object[Attribute.count()];
        } else if (key.index >= attributes.length) { // a key made after the array (a class loaded late)
            attributes = java.util.Arrays.copyOf(attributes, Attribute.count());
        }
        attributes[key.index] = value;
    }

    /**
     * The Host a function set on the request (beyond the cloud, where Host is read-only), or null. The origin gets it
     * whatever the policies forward: the rooms behind the function replace the Host header, so they ask here.
     */
    public String functionHost() {
        return functionHost;
    }

    public void functionHost(String host) {
        this.functionHost = host;
    }

    public String traceId() {
        return traceId;
    }

    public String requestId() {
        return requestId;
    }

    public void trace(String traceId, String requestId) {
        this.traceId = traceId;
        this.requestId = requestId;
    }
}
