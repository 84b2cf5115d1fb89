package dev.forecourt.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns decoded HTTP messages into {@link ServerExchange}s, one at a time, and writes their responses. One
 * instance serves an HTTP/1 connection (requests in turn, keep-alive, pipelined requests held until their turn)
 * or one HTTP/2 stream. Reads are explicit (autoRead off): request bodies are read only as fast as the upstream
 * takes them, and a pipelined request waits in a backlog (reading paused) until the response before it is written.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private final Listener listener;
    private final boolean http2;
    private final StrictRequestDecoder decoder; // HTTP/1 only
    private final ResponseEncoder encoder;      // HTTP/1 only
    private final Limits limits;
    private ChannelHandlerContext ctx;
    private ConnectionInfo info;

    private ServerExchange current;
    private ChannelBody requestBody;        // the current request's body while it is still arriving
    private boolean swallowLast;            // the current request has no body: drop the decoder's empty last chunk
    private boolean keepAlive;
    private boolean answeringHead;
    private Body responseBody;
    private ResponseListener responseListener;
    private ServerExchange answeredByWire; // the exchange in flight the connection itself last answered for
    private long responseBytes;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>(2);

    private Deadline waitDeadline;     // for the next request head (slow heads, idle connections)
    private Deadline requestDeadline;  // for the whole current exchange
    private Deadline stallDeadline;    // a client that stalls mid-exchange: sends no more body, or reads no response
    private long waitStartNanos;
    private boolean closing;

    ExchangeHandler(Listener listener, boolean http2, StrictRequestDecoder decoder, ResponseEncoder encoder) {
        this.listener = listener;
        this.http2 = http2;
        this.decoder = decoder;
        this.encoder = encoder;
        this.limits = listener.spec().limits();
    }

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.waitDeadline = new Deadline(ctx.executor(), this::onWaitTimer);
        this.requestDeadline = new Deadline(ctx.executor(), this::onRequestTimeout);
        this.stallDeadline = new Deadline(ctx.executor(), this::onClientStall);
        ctx.channel().config().setAutoRead(false);
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    private void start() {
        if (info != null) {
            return;
        }
        info = listener.connectionInfo(ctx.channel(), http2);
        awaitRequest();
        ctx.read();
    }

    // ---- reading ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (requestBody != null && msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                failRequestBody(content.decoderResult());
                return;
            }
            ChannelBody body = requestBody;
            if (content instanceof LastHttpContent last) {
                requestBody = null;
                stallDeadline.off();
                Trailers.clean(last);
            } else {
                stallDeadline.in(limits.idleTimeout().toNanos());
            }
            body.offer(content);
        } else if (swallowLast && msg instanceof LastHttpContent last) {
            swallowLast = false;
            last.release();
        } else if (current != null || swallowLast) {
            backlog.add(msg); // a pipelined request: its turn comes after the current response
        } else {
            handleIncoming(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (requestBody != null) {
            requestBody.readComplete();
        } else if (!closing && backlog.isEmpty() && (current == null || !http2)) {
            // Between requests: keep reading until a head is whole. During an HTTP/1 exchange whose body is read
            // whole: keep the read armed too, as nginx keeps its socket in epoll. Disarming it and arming it again
            // would cost a system call pair per request (epoll_ctl); what arrives meanwhile (a pipelined request,
            // a close) waits in the backlog, and reading stops while the backlog holds anything.
            ctx.read();
        }
    }

    private void handleIncoming(Object msg) {
        if (!(msg instanceof HttpRequest incoming)) {
            ReferenceCountUtil.release(msg); // stray content after a refused or cancelled body
            if (current == null && !closing) {
                ctx.read();
            }
            return;
        }
        cancelTimer();
        if (incoming.decoderResult().isFailure()) {
            ReferenceCountUtil.release(incoming);
            refuse(incoming.decoderResult().cause());
            return;
        }
        // An HTTP/2 HEADERS frame that ends the stream arrives as a full message: keep its head only.
        boolean complete = incoming instanceof FullHttpRequest;
        HttpRequest request = complete ? new DefaultHttpRequest(incoming.protocolVersion(), incoming.method(),
                incoming.uri(), incoming.headers()) : incoming;
        if (complete) {
            ReferenceCountUtil.release(incoming);
        }
        HttpHeaders headers = request.headers();
        if (http2) {
            stripHttp2Extensions(headers);
        }
        String problem = normaliseTarget(request);
        if (problem == null && http2) {
            // HTTP/1's decoder checks its request line; an HTTP/2 :path arrives unchecked, and would be passed on
            // as the upstream's request line: a TAB, '#' or '"' there makes the origin read another path than ours
            problem = RequestLine.targetProblem(request.uri());
        }
        if (problem == null) {
            problem = lengthProblem(headers);
        }
        if (problem != null) {
            ReferenceCountUtil.release(request);
            reject(ErrorType.BAD_REQUEST, problem, request);
            return;
        }
        problem = codingProblem(headers);
        if (problem != null) {
            ReferenceCountUtil.release(request);
            reject(ErrorType.NOT_IMPLEMENTED, problem, request);
            return;
        }
        keepAlive = http2 || HttpUtil.isKeepAlive(request);
        answeringHead = request.method() == HttpMethod.HEAD;
        boolean expectsContinue = false;
        if (headers.contains(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true)) {
            // met at this hop, not passed on (from HTTP/1.0, where it means nothing, ignored: RFC 9110 10.1.1)
            expectsContinue = request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0;
            headers.remove(HttpHeaderNames.EXPECT);
        }
        Body body;
        boolean hasBody = http2 || HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (complete) {
            body = Body.EMPTY;
        } else if (hasBody) {
            requestBody = new ChannelBody(ctx.channel(), HttpUtil.getContentLength(request, -1L), null,
                    expectsContinue ? this::sendContinue : null);
            body = requestBody;
            stallDeadline.in(limits.idleTimeout().toNanos());
        } else {
            swallowLast = true; // the decoder still sends an empty last chunk for it
            body = Body.EMPTY;
        }
        long now = System.nanoTime();
        current = new ServerExchange(request, body, info, this, now);
        requestDeadline.in(limits.requestTimeout().toNanos(), now);
        try {
            listener.handler().handle(current);
        } catch (RuntimeException e) {
            if (current != null && responseListener == null) {
                respondInternal(current, e);
            } else {
                throw e;
            }
        }
    }

    /** Host must be present once and valid; an absolute-form target's authority replaces it (RFC 9112 3.2.2). */
    private static String normaliseTarget(HttpRequest request) {
        String uri = request.uri();
        HttpHeaders headers = request.headers();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int start = uri.indexOf("//") + 2;
            int slash = uri.indexOf('/', start);
            int query = uri.indexOf('?', start);
            int end = slash < 0 ? (query < 0 ? uri.length() : query) : (query < 0 ? slash : Math.min(slash, query));
            String authority = uri.substring(start, end);
            if (authority.indexOf('@') >= 0) {
                return "userinfo is not allowed in the request target";
            }
            String rest = uri.substring(end);
            request.setUri(rest.isEmpty() ? "/" : (rest.charAt(0) == '?' ? "/" + rest : rest));
            headers.set(HttpHeaderNames.HOST, authority);
        } else if (!uri.startsWith("/") && !(uri.equals("*") && request.method() == HttpMethod.OPTIONS)) {
            return "the request target must start with '/' (origin-form) or be an absolute URI, got '" + clip(uri) + "'";
        }
        int hosts = 0;
        String host = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(e.getKey())) {
                hosts++;
                host = e.getValue().toString();
            }
        }
        if (hosts == 0) {
            return "the request has no Host header; HTTP/1.1 requires one, and routing here is by Host";
        }
        if (hosts > 1) {
            return "the request has " + hosts + " Host headers; exactly one is allowed";
        }
        String problem = HostHeader.problem(host);
        return problem == null ? null : "invalid Host '" + clip(host) + "': " + problem;
    }

    /**
     * Content-Length values that disagree in one field ({@code 5, 6}) are refused whatever the version: Netty's
     * decoder checks this for HTTP/1.1 only, and an HTTP/1.0 request framed by one value while the origin reads
     * the other is a smuggling vector. Identical repeats are one length (RFC 9110 8.6).
     */
    private static String lengthProblem(HttpHeaders headers) {
        String first = headers.get(HttpHeaderNames.CONTENT_LENGTH); // a repeated field never gets here (HeadScan)
        if (first == null || first.indexOf(',') < 0) {
            return null;
        }
        java.util.Set<String> values = new java.util.HashSet<>();
        for (String part : first.split(",")) {
            values.add(part.trim());
        }
        return values.size() > 1 ? "the request has differing Content-Length values " + values + " (RFC 9110 8.6)" : null;
    }

    /**
     * A transfer coding before {@code chunked} ({@code gzip, chunked}) is refused with 501 (RFC 9112 section 6.1):
     * this server decodes chunked only, and passing the rest on as chunked would hand the origin coded bytes as the
     * body. (A coding after chunked, or none, the decoder already refuses: the framing is unknown.)
     */
    private static String codingProblem(HttpHeaders headers) {
        String te = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        if (te == null) {
            return null;
        }
        for (String coding : te.split(",")) {
            if (!coding.trim().equalsIgnoreCase("chunked")) {
                return "the request's Transfer-Encoding '" + clip(te) + "' has a coding other than chunked; this server"
                        + " decodes chunked only (RFC 9112 section 6.1)";
            }
        }
        return null;
    }

    /**
     * The 100 (Continue) a client that expects one waits for, sent when the body is first wanted (as nginx does): a
     * request answered before that (no route, 401, 403) gets its final answer instead, and its body is never
     * sent (RFC 9110 10.1.1). A request without a body gets none: there is nothing to continue.
     */
    private void sendContinue() {
        if (requestBody != null && responseListener == null && !closing) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            stallDeadline.in(limits.idleTimeout().toNanos()); // the client's wait for the 100 was no stall
        }
    }

    private static void stripHttp2Extensions(HttpHeaders headers) {
        headers.remove("x-http2-stream-id");
        headers.remove("x-http2-scheme");
        headers.remove("x-http2-path");
        headers.remove("x-http2-stream-weight");
        headers.remove("x-http2-stream-dependency-id");
    }

    private void failRequestBody(DecoderResult result) {
        // a trailer section over the header limit is the head's 431, not a framing error
        boolean tooLarge = result.cause() instanceof TooLongHttpHeaderException;
        ErrorType type = tooLarge ? ErrorType.REQUEST_HEADER_TOO_LARGE : ErrorType.BAD_REQUEST;
        String why = tooLarge ? "the request's trailer section is larger than " + limits.maxHeaderSize()
                + " bytes (limits.maxHeaderSize)" : "bad request body framing: " + result.cause().getMessage();
        breakRequestBody(type, why);
    }

    /**
     * The request body broke, by the client's doing (bad framing, a stall). Whatever reads it (a proxy streaming it
     * upstream) learns of it at once and may answer through {@link #respond} there and then: that answer, the
     * exchange's own, is the one answer and the one log line, saying what broke. Only when nothing answers does the
     * wire answer for it. Either way the connection closes after, its framing lost (on HTTP/2 the stream, whose
     * client side is still open: see exchangeDone). Returns whether a response had begun before the body broke (the
     * caller decides whether to cut it).
     */
    private boolean breakRequestBody(ErrorType type, String why) {
        ChannelBody body = requestBody;
        requestBody = null;
        keepAlive = false;
        boolean begun = responseListener != null;
        body.fail(new ForecourtException(type, why));
        closing = true;
        if (!begun && responseListener == null && current != null) {
            writeRejection(type, why, current.request());
        }
        return begun;
    }

    private void refuse(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            reject(ErrorType.URI_TOO_LONG, "the request line is longer than " + limits.maxRequestLine()
                    + " bytes (limits.maxRequestLine)", null);
        } else if (cause instanceof StrictRequestDecoder.LaterVersionException) {
            reject(ErrorType.HTTP_VERSION_NOT_SUPPORTED, cause.getMessage(), null);
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            reject(ErrorType.REQUEST_HEADER_TOO_LARGE, "the request header section is larger than "
                    + limits.maxHeaderSize() + " bytes (limits.maxHeaderSize)", null);
        } else {
            reject(ErrorType.BAD_REQUEST, "malformed request: " + cause.getMessage(), null);
        }
    }

    private void reject(ErrorType type, String detail, HttpRequest request) {
        closing = true;
        writeRejection(type, detail, request);
    }

    private void writeRejection(ErrorType type, String detail, HttpRequest request) {
        answeredByWire = current; // its own answer, if it comes, is not a second one (ResponseListener.ALREADY_ANSWERED)
        closing = true;
        cancelTimer();
        FullHttpResponse response;
        try {
            response = listener.handler().reject(type, detail, info, request);
        } catch (RuntimeException e) {
            // The handler could not render its page: answer bare, but still in the taxonomy.
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, type.status());
            response.headers().set(HeaderNames.FORECOURT_ERROR, type.code());
            response.headers().set(HeaderNames.FORECOURT_HOP, listener.spec().name());
        }
        if (!http2) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            // a HEAD gets the head alone, with the Content-Length its GET would have (RFC 9110 9.3.2)
            encoder.answeringHead(request != null && request.method() == HttpMethod.HEAD);
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- writing ----

    void respond(ServerExchange exchange, HttpResponse head, Body body, ResponseListener listener) {
        if (head instanceof FullHttpResponse) {
            throw new IllegalArgumentException("respond() takes the head alone; pass the content as the Body");
        }
        if (exchange != current || closing) {
            body.cancel();
            listener.onComplete(0, exchange == answeredByWire ? ResponseListener.ALREADY_ANSWERED
                    : new IllegalStateException("connection closed"));
            return;
        }
        responseListener = listener;
        responseBody = body;
        responseBytes = 0;
        if (requestBody != null && !requestBody.isEnded()) {
            // Answered before the request body was read whole: the connection's framing can't be trusted after.
            keepAlive = false;
        }
        if (!http2) {
            boolean http10 = exchange.request().protocolVersion() == HttpVersion.HTTP_1_0;
            if (http10 && !answeringHead && !HttpUtil.isContentLengthSet(head) && body.contentLength() < 0
                    && mayHaveBody(head.status())) {
                // HTTP/1.0 has no chunked coding: the end of an unknown-length body is the end of the connection.
                keepAlive = false;
                head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
            head.setProtocolVersion(HttpVersion.HTTP_1_1);
            if (!keepAlive || closing) {
                head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!exchange.request().protocolVersion().isKeepAliveDefault()) {
                head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            encoder.answeringHead(answeringHead);
            if (!answeringHead && !HttpUtil.isContentLengthSet(head) && !HttpUtil.isTransferEncodingChunked(head)
                    && mayHaveBody(head.status()) && !http10) {
                long len = body.contentLength();
                if (len >= 0) {
                    HttpUtil.setContentLength(head, len);
                } else {
                    HttpUtil.setTransferEncodingChunked(head, true);
                }
            }
        }
        ctx.write(head);
        if (body instanceof FileBody file && !http2 && !answeringHead && Transport.sendfile(ctx.channel())
                && ctx.pipeline().get(SslHandler.class) == null) {
            // a cached object on disk: the kernel sends it from the page cache (sendfile), no copy through the JVM
            responseBytes = file.contentLength();
            ctx.write(file.region());
            ResponseSink sink = new ResponseSink(body);
            // the head leaves in the file's first segment, not alone: measured on 10 KiB sent this way, a head in a
            // packet of its own doubled the CPU per answer (the reader is woken twice)
            boolean corked = Transport.cork(ctx.channel(), true);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                if (corked) {
                    Transport.cork(ctx.channel(), false);
                }
                sink.finished(f);
            });
            if (!ctx.channel().isWritable()) {
                stallDeadline.in(limits.idleTimeout().toNanos());
            }
            return;
        }
        body.subscribe(new ResponseSink(body));
    }

    private static boolean mayHaveBody(HttpResponseStatus status) {
        int code = status.code();
        return code >= 200 && code != 204 && code != 304;
    }

    private final class ResponseSink implements BodySink {
        private final Body body;

        ResponseSink(Body body) {
            this.body = body;
        }

        @Override
        public void onContent(HttpContent content) {
            if (responseBody != body) {
                content.release();
                return;
            }
            responseBytes += content.content().readableBytes();
            boolean last = content instanceof LastHttpContent;
            if (answeringHead) {
                content.release();
                if (last) {
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(this::finished);
                }
            } else if (last) {
                ctx.writeAndFlush(content).addListener(this::finished);
            } else {
                Backpressure.writeChunk(ctx, body, content);
                if (!ctx.channel().isWritable()) {
                    stallDeadline.in(limits.idleTimeout().toNanos()); // the client must take some of it in time
                }
            }
        }

        @Override
        public void onFlush() {
            if (responseBody == body) {
                ctx.flush();
            }
        }

        @Override
        public void onError(Throwable cause) {
            if (responseBody != body) {
                return;
            }
            // The head is already out: the only honest signal left is to cut the connection (or the h2 stream).
            ResponseListener l = responseListener;
            clearResponse();
            closing = true;
            ctx.flush();
            ctx.close();
            l.onComplete(responseBytes, cause);
        }

        private void finished(io.netty.util.concurrent.Future<? super Void> f) {
            if (responseBody != body) {
                return;
            }
            ResponseListener l = responseListener;
            long bytes = responseBytes;
            clearResponse();
            l.onComplete(bytes, f.isSuccess() ? null : f.cause());
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            exchangeDone();
        }
    }

    private void clearResponse() {
        responseBody = null;
        responseListener = null;
        cancelTimer();
    }

    private void exchangeDone() {
        current = null;
        if (requestBody != null) {
            requestBody.cancel();
            requestBody = null;
        }
        if (http2) {
            if (closing) {
                ctx.close(); // answered while the client's side is still open (its body broke): reset the rest
            }
            return; // the stream ends with its response
        }
        if (!keepAlive || closing) {
            // closing, so that what the decoder still hands on from this read (a request pipelined behind this one,
            // its body) is dropped: nothing after a close is processed (RFC 9112 9.6)
            closing = true;
            ctx.close();
            return;
        }
        awaitRequest();
        // Replay what arrived meanwhile, in order: the next request's head, then the parts of its body that came
        // with it (they belong to it, not to a later turn), stopping at the head of the request after that.
        while (!closing && !backlog.isEmpty() && (current == null || belongsToCurrent(backlog.peek()))) {
            channelRead(ctx, backlog.poll());
        }
        if (current == null && !closing) {
            ctx.read();
        }
    }

    private boolean belongsToCurrent(Object msg) {
        return msg instanceof HttpContent && !(msg instanceof HttpRequest)
                && (requestBody != null || (swallowLast && msg instanceof LastHttpContent));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && responseBody != null) {
            if (requestBody == null) {
                stallDeadline.off();
            }
            responseBody.resume();
        }
        super.channelWritabilityChanged(ctx);
    }

    private void respondInternal(ServerExchange exchange, Throwable e) {
        writeRejection(ErrorType.INTERNAL_ERROR, "the handler failed: " + e, exchange.request());
    }

    // ---- timers: slow heads, idle connections, whole exchanges ----

    private void awaitRequest() {
        if (http2) {
            return;
        }
        waitStartNanos = System.nanoTime();
        waitDeadline.in(limits.headerTimeout().toNanos(), waitStartNanos);
    }

    private void onWaitTimer() {
        if (current != null || closing) {
            return;
        }
        if (decoder != null && decoder.isHeadStarted()) {
            reject(ErrorType.REQUEST_TIMEOUT, "the request head did not arrive whole within "
                    + limits.headerTimeout().toMillis() + "ms (limits.headerTimeout)", null);
            return;
        }
        long waited = System.nanoTime() - waitStartNanos;
        long idle = limits.idleTimeout().toNanos();
        if (waited >= idle) {
            closing = true;
            ctx.close(); // an idle keep-alive connection: close quietly, as every server does
        } else {
            waitDeadline.in(Math.min(limits.headerTimeout().toNanos(), idle - waited));
        }
    }

    private void onRequestTimeout() {
        if (current != null) {
            closing = true;
            if (responseListener == null) {
                writeRejection(ErrorType.UPSTREAM_TIMEOUT, "the exchange did not complete within "
                        + limits.requestTimeout().toMillis() + "ms (limits.requestTimeout)", current.request());
            } else {
                ctx.close();
            }
        }
    }

    /**
     * The client stalled for idleTimeout (as nginx's client_body_timeout and send_timeout): it sent no more of a
     * body that is wanted, or took nothing of a response the socket holds. The blame is the client's: a 408 if
     * nothing was answered yet, else the connection is cut and the log says request_timeout. A stall of the other
     * side (the upstream not taking the body, the response paused by it) re-arms instead: the upstream's own timer
     * judges that.
     */
    private void onClientStall() {
        long idle = limits.idleTimeout().toNanos();
        if (requestBody != null) {
            if (!requestBody.isWaitingForData()) {
                stallDeadline.in(idle);
                return;
            }
            String why = "the request body stalled: nothing more arrived for " + limits.idleTimeout().toMillis()
                    + "ms (limits.idleTimeout)";
            if (breakRequestBody(ErrorType.REQUEST_TIMEOUT, why)) {
                ctx.close(); // a response under way while the client stalls: cut, as nginx's client_body_timeout
            }
        } else if (responseBody != null && !ctx.channel().isWritable()) {
            Body b = responseBody;
            ResponseListener l = responseListener;
            long bytes = responseBytes;
            clearResponse();
            closing = true;
            b.cancel();
            ctx.close();
            l.onComplete(bytes, new ForecourtException(ErrorType.REQUEST_TIMEOUT, "the client took none of the response for "
                    + limits.idleTimeout().toMillis() + "ms (limits.idleTimeout)"));
        }
    }

    private void cancelTimer() {
        waitDeadline.off();
        requestDeadline.off();
        stallDeadline.off();
    }

    // ---- connection end ----

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (current != null && responseListener == null) {
            current.clientGone();
        }
        waitDeadline.close();
        requestDeadline.close();
        stallDeadline.close();
        if (requestBody != null) {
            requestBody.fail(new ForecourtException(ErrorType.BAD_REQUEST, "the client closed the connection mid-body"));
            requestBody = null;
        }
        if (responseBody != null) {
            Body b = responseBody;
            ResponseListener l = responseListener;
            clearResponse();
            b.cancel();
            l.onComplete(responseBytes, new java.io.IOException("the client closed the connection"));
        }
        Object o;
        while ((o = backlog.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (http2 && current == null && !closing && cause instanceof DecoderException d && d.getCause() != null) {
            // A request head that HTTP/2's conversion to an HTTP/1 request refused (a host field that names another
            // authority than :authority, RFC 9113 8.3.1; a :path with a space; no :path): the stream's one decoder,
            // before any request of it. Malformed, so answered as any malformed request is, not with a reset stream
            // that tells the client nothing.
            reject(ErrorType.BAD_REQUEST, "malformed HTTP/2 request: " + d.getCause().getMessage(), null);
            return;
        }
        if (requestBody != null) {
            requestBody.fail(cause);
            requestBody = null;
        }
        closing = true;
        ctx.close();
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static InetSocketAddress address(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }
}
