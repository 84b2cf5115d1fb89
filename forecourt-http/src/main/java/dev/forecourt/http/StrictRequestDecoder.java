package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder with the leniencies RFC 9112 lets a server refuse turned off: bare-LF line ends,
 * Transfer-Encoding with Content-Length, duplicate Content-Length, and (added here, since Netty unfolds it
 * silently) obs-fold continuation lines. A refused message comes out as a request with a failed
 * {@link DecoderResult}; everything after it on the connection is dropped, because the framing is lost.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    /** A request line of HTTP/2.0 or later: 505 (RFC 9110 15.6.6), as nginx answers it. */
    static final class LaterVersionException extends IllegalArgumentException {
        LaterVersionException(String version) {
            super("the request line's version '" + version + "' is not HTTP/1.x: this listener speaks HTTP/1.1, and"
                    + " HTTP/2 only as HTTP/2 (the preface with prior knowledge, or ALPN h2)");
        }
    }

    /** Why a message was refused when Netty would have accepted it. */
    static final class ObsFoldException extends IllegalArgumentException {
        ObsFoldException() {
            super("obs-fold (a header or trailer line starting with a space or tab) is not allowed (RFC 9112 section 5.2)");
        }
    }

    private boolean awaitingHead = true;
    private boolean headStarted;
    private boolean broken;
    private TrailerFoldScan trailerScan; // while a chunked body is read
    private HeadScan headScan;           // while a head is read

    StrictRequestDecoder(Limits limits) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setValidateHeaders(true));
    }

    /**
     * The request line, checked before Netty makes a request of it: a target with bytes that must be encoded, or a
     * version that is not HTTP/1.x, fails the message (400, connection closed). A later HTTP/1 minor is read as 1.1,
     * the version we speak and send on.
     */
    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        if (RequestLine.laterMajor(initialLine[2])) {
            throw new LaterVersionException(initialLine[2]);
        }
        String problem = RequestLine.versionProblem(initialLine[2]);
        if (problem == null) {
            problem = RequestLine.targetProblem(initialLine[1]);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (initialLine[2].charAt(7) > '1') {
            initialLine[2] = "HTTP/1.1";
        }
        return super.createMessage(initialLine);
    }

    /** True when some bytes of a request head have arrived but the head is not complete yet. */
    boolean isHeadStarted() {
        return awaitingHead && headStarted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (broken) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (awaitingHead && buffer.isReadable()) {
            headStarted = true;
            if (headScan == null) {
                headScan = new HeadScan();
            }
            HeadScan.Finding found = headScan.walk(buffer);
            if (found != HeadScan.Finding.NONE) {
                broken = true;
                buffer.skipBytes(buffer.readableBytes());
                HttpRequest bad = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request");
                bad.setDecoderResult(DecoderResult.failure(found == HeadScan.Finding.OBS_FOLD ? new ObsFoldException()
                        : new IllegalArgumentException("the request repeats Content-Length (RFC 9112 section 6.3)")));
                out.add(bad);
                return;
            }
        }
        if (trailerScan != null && trailerScan.folded(buffer)) {
            broken = true;
            trailerScan = null;
            buffer.skipBytes(buffer.readableBytes());
            LastHttpContent bad = new DefaultLastHttpContent();
            bad.setDecoderResult(DecoderResult.failure(new ObsFoldException()));
            out.add(bad);
            return;
        }
        int before = out.size();
        int readerBefore = buffer.readerIndex();
        super.decode(ctx, buffer, out);
        if (trailerScan != null) {
            trailerScan.consumed(buffer.readerIndex() - readerBefore);
        }
        if (headScan != null) {
            headScan.consumed(buffer.readerIndex() - readerBefore);
        }
        for (int i = before; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpRequest r) {
                awaitingHead = false;
                headScan = null; // the next head gets a new walk
                if (r.decoderResult().isFailure()) {
                    broken = true;
                } else if (HttpUtil.isTransferEncodingChunked(r)) {
                    trailerScan = new TrailerFoldScan(); // the decoder has not read into the body yet
                }
            }
            if (o instanceof LastHttpContent last) {
                trailerScan = null;
                awaitingHead = true;
                headStarted = false;
                if (last.decoderResult().isFailure()) {
                    broken = true;
                }
            }
        }
    }
}
