package dev.forecourt.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * One keep-alive HTTP/1.1 connection to an upstream, carrying one exchange at a time: it writes the request
 * (streaming its body as the upstream socket accepts it), hands the response head and a streaming body to the
 * caller, and goes back to its {@link Pool} once both directions are complete and the upstream allows reuse.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    private final Pool pool;
    private ChannelHandlerContext ctx;

    private UpstreamCallback callback;   // set while waiting for the response head
    private ChannelBody responseBody;    // set while the response body arrives
    private Body requestBody;
    private boolean inExchange;
    private boolean requestDone;
    private boolean responseDone;
    private boolean reusable;
    private boolean anyResponseBytes;
    private boolean idle;
    private Deadline readDeadline;
    private Deadline idleDeadline;      // while parked: the pool's keep-alive timeout

    private final UpstreamResponseDecoder decoder;

    UpstreamConnection(Pool pool, UpstreamResponseDecoder decoder) {
        this.decoder = decoder;
        this.pool = pool;
    }

    Channel channel() {
        return ctx.channel();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.readDeadline = new Deadline(ctx.executor(), this::onReadTimeout);
        this.idleDeadline = new Deadline(ctx.executor(), this::onIdleTimeout);
    }

    /** Called when leaving the pool: false if the connection died while it was idle. */
    boolean takeFromPool() {
        idle = false;
        idleDeadline.off(); // moving a field, not cancelling a scheduled task: this happens once per request
        return ctx.channel().isActive();
    }

    boolean closedBeforeAnyResponse() {
        return !anyResponseBytes;
    }

    void parkInPool(Duration keepAlive) {
        idle = true;
        // Read while idle: it is how a close by the upstream (or stray bytes) is noticed.
        ctx.read();
        idleDeadline.in(keepAlive.toNanos());
    }

    private void onIdleTimeout() {
        if (idle) {
            pool.remove(this);
            ctx.close();
        }
    }

    void send(HttpRequest head, Body body, UpstreamCallback cb) {
        callback = cb;
        requestBody = body;
        inExchange = true;
        requestDone = false;
        responseDone = false;
        reusable = true;
        anyResponseBytes = false;
        decoder.headRequest(head.method().equals(io.netty.handler.codec.http.HttpMethod.HEAD));
        if (body.brokeUnread()) {
            // The client's body broke while this connection was being made, and the client has had its answer: none
            // of the request goes upstream (a head sent now would be cut off, leaving the origin mid-request).
            fail(new ForecourtException(ErrorType.BAD_REQUEST, "the request body broke before it could be sent"));
            return;
        }
        if (body == Body.EMPTY) {
            requestDone = true;
            // head and end in one message: one pass down the pipeline and through the encoder, not two
            ctx.writeAndFlush(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                    Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE), ctx.voidPromise());
        } else {
            ctx.writeAndFlush(head, ctx.voidPromise());
            body.subscribe(new RequestSink(body));
            if (!inExchange) {
                return; // the body had already failed: the connection is closing, and a read now (io_uring) would keep it open
            }
        }
        armReadTimer();
        ctx.read();
    }

    /** Streams the request body upstream, pausing the client side while the upstream socket is full. */
    private final class RequestSink implements BodySink {
        private final Body body;

        RequestSink(Body body) {
            this.body = body;
        }

        @Override
        public void onContent(HttpContent content) {
            if (requestBody != body) {
                content.release();
                return;
            }
            if (content instanceof LastHttpContent) {
                requestDone = true;
                ctx.writeAndFlush(content, ctx.voidPromise());
                maybeRelease();
            } else {
                Backpressure.writeChunk(ctx, body, content);
            }
        }

        @Override
        public void onFlush() {
            ctx.flush();
        }

        @Override
        public void onError(Throwable cause) {
            // The client's body broke: the upstream must not see a request that looks complete. A typed break (a
            // stall's 408, bad framing's 400) keeps its type: the exchange answers and logs what the client did.
            if (requestBody == body) {
                fail(cause instanceof ForecourtException typed ? typed : new ForecourtException(ErrorType.BAD_REQUEST,
                        "the request body broke before its end: " + Pool.rootMessage(cause), cause));
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && requestBody != null && !requestDone) {
            requestBody.resume();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inExchange) {
            // Bytes from an idle connection: nothing asked for them, so the framing can't be trusted.
            ReferenceCountUtil.release(msg);
            pool.remove(this);
            ctx.close();
            return;
        }
        anyResponseBytes = true;
        if (msg instanceof HttpResponse head) {
            if (head.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                fail(badResponse(head.decoderResult().cause()));
                return;
            }
            int code = head.status().code();
            if (code == 101) {
                // We never ask to switch (Upgrade is hop-by-hop and dropped): after a 101 the connection speaks
                // something else, and the next exchange's request (another client's) must never be written into it.
                ReferenceCountUtil.release(msg);
                fail(new ForecourtException(ErrorType.UPSTREAM_BAD_RESPONSE, pool.endpoint().name()
                        + " answered 101 Switching Protocols to a request that did not ask to switch",
                        "this hop does not relay protocol upgrades (WebSocket): serve them from a listener of their own", null));
                return;
            }
            if (code >= 100 && code < 200) {
                // interim (100 Continue, 103 Early Hints): the final response follows. Any other 1xx is legal but
                // rare enough that the connection is not trusted for another exchange.
                reusable &= code == 100 || code == 103;
                return;
            }
            armReadTimer();
            reusable &= HttpUtil.isKeepAlive(head);
            ChannelBody body = new ChannelBody(ctx.channel(), HttpUtil.getContentLength(head, -1L), this::onBodyCancelled);
            responseBody = body;
            UpstreamCallback cb = callback;
            callback = null;
            cb.onResponse(head, body);
            if (msg instanceof HttpContent c) {
                onContent(c);
            }
        } else if (msg instanceof HttpContent c) {
            if (responseBody == null) {
                c.release(); // content of an interim response
                return;
            }
            onContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onContent(HttpContent c) {
        if (c.decoderResult().isFailure()) {
            c.release();
            fail(badResponse(c.decoderResult().cause()));
            return;
        }
        ChannelBody body = responseBody;
        if (c instanceof LastHttpContent last) {
            Trailers.clean(last);
            responseDone = true;
            cancelTimer();
            responseBody = null;
            body.offer(c);
            maybeRelease();
        } else {
            armReadTimer();
            body.offer(c);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (responseBody != null) {
            responseBody.readComplete();
        } else if (inExchange && !responseDone) {
            ctx.read(); // still waiting for the head
        } else if (idle && decoder.holdsStrayBytes()) {
            // bytes after the end of the last response (a body longer than its framing), arrived while parked
            pool.remove(this);
            ctx.close();
        } else if (idle) {
            ctx.read(); // keep listening for a close while parked
        }
    }

    /** The caller dropped the response body part way: the rest is unread on the socket, so close it. */
    private void onBodyCancelled() {
        if (inExchange && !responseDone) {
            reusable = false;
            inExchange = false;
            responseBody = null;
            cancelTimer();
            ctx.close();
        }
    }

    private void maybeRelease() {
        if (!inExchange || !requestDone || !responseDone) {
            return;
        }
        inExchange = false;
        requestBody = null;
        if (decoder.holdsStrayBytes()) {
            reusable = false; // more bytes than the response framed: never read them as the next response
        }
        if (reusable) {
            pool.release(this);
        } else {
            ctx.close();
        }
    }

    private void armReadTimer() {
        readDeadline.in(pool.endpoint().settings().readTimeout().toNanos());
    }

    private void onReadTimeout() {
        if (inExchange && waitingOnClient()) {
            armReadTimer(); // the client's side is the slow one: its own timers (limits.idleTimeout) judge it
            return;
        }
        if (inExchange) {
            fail(new ForecourtException(ErrorType.UPSTREAM_TIMEOUT, pool.endpoint().name() + " sent "
                    + (anyResponseBytes ? "no more of its response" : "no response") + " within "
                    + pool.endpoint().settings().readTimeout().toMillis() + "ms (readTimeout)"));
        }
    }

    private void cancelTimer() {
        readDeadline.off();
    }

    /**
     * True when the upstream is not the one keeping the exchange waiting: the request body is still arriving from
     * the client (and the upstream takes it as fast as it comes), or the client is not taking the response (its
     * body is paused by backpressure, so nothing is read from the upstream).
     */
    private boolean waitingOnClient() {
        return (!requestDone && ctx.channel().isWritable()) || (responseBody != null && responseBody.isPaused());
    }

    /** Ends the current exchange with an error: to the caller if it has no head yet, else to the body's sink. */
    private void fail(ForecourtException failure) {
        cancelTimer();
        boolean wasInExchange = inExchange;
        inExchange = false;
        reusable = false;
        if (requestBody != null && !requestDone) {
            requestBody.cancel();
        }
        requestBody = null;
        UpstreamCallback cb = callback;
        callback = null;
        ChannelBody body = responseBody;
        responseBody = null;
        ctx.close();
        if (!wasInExchange) {
            return;
        }
        if (cb != null) {
            cb.onFailure(failure);
        } else if (body != null) {
            body.fail(failure);
        }
    }

    private ForecourtException badResponse(Throwable cause) {
        return new ForecourtException(ErrorType.UPSTREAM_BAD_RESPONSE, pool.endpoint().name()
                + " sent a response that is not valid HTTP/1.1: " + Pool.rootMessage(cause), cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pool.remove(this);
        idle = false;
        readDeadline.close();
        idleDeadline.close();
        if (inExchange) {
            fail(new ForecourtException(ErrorType.UPSTREAM_RESET, pool.endpoint().name() + " closed the connection "
                    + (anyResponseBytes ? "before the end of its response" : "before sending any response")));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!inExchange) {
            ctx.close();
            return;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            fail(new ForecourtException(ErrorType.UPSTREAM_TLS_FAILURE, "TLS with " + pool.endpoint().name()
                    + " failed: " + Pool.rootMessage(cause), cause));
        } else if (cause instanceof DecoderException) {
            fail(badResponse(cause));
        } else {
            fail(new ForecourtException(ErrorType.UPSTREAM_RESET, pool.endpoint().name() + " connection failed: "
                    + Pool.rootMessage(cause), cause));
        }
    }
}
