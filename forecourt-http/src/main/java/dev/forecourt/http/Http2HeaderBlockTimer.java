package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeoutException;

/**
 * Gives an HTTP/2 request's header block {@code limits.headerTimeout} to arrive whole, as an HTTP/1 head has: from the
 * first byte of a HEADERS frame to the last of the frame that ends the block (END_HEADERS, on it or on a CONTINUATION).
 * The codec holds a block until it is whole, and no stream exists meanwhile, so without this a client that sends part
 * of one and stops is held until {@code idleTimeout} ({@link Http2Idle} counts streams). On expiry the connection is
 * closed (GOAWAY first) with one rate-limited line. It reads frame headers only and passes every byte on untouched.
 */
final class Http2HeaderBlockTimer extends ChannelInboundHandlerAdapter {
    static final String NAME = "http2-header-timer";
    private static final int PREFACE = 24;   // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", before the first frame
    private static final int FRAME_HEAD = 9; // RFC 9113 4.1
    private static final int HEADERS = 1;
    private static final int CONTINUATION = 9;
    private static final int END_HEADERS = 4;

    private final long nanos;
    private final byte[] head = new byte[FRAME_HEAD];
    private Deadline deadline;
    private int prefaceLeft = PREFACE;
    private int headBytes;       // of the frame head being read
    private long payloadLeft;    // of the frame being read
    private boolean inBlock;     // a header block has begun and not ended
    private boolean endsBlock;   // the frame being read ends it

    Http2HeaderBlockTimer(Limits limits) {
        this.nanos = limits.headerTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = new Deadline(ctx.executor(), () -> expired(ctx));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            scan(b);
        }
        ctx.fireChannelRead(msg);
    }

    private void scan(ByteBuf b) {
        int i = b.readerIndex();
        int end = b.writerIndex();
        int skip = Math.min(prefaceLeft, end - i);
        prefaceLeft -= skip;
        i += skip;
        while (i < end) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - i);
                payloadLeft -= n;
                i += n;
                if (payloadLeft == 0) {
                    frameRead();
                }
            } else {
                head[headBytes++] = b.getByte(i++);
                if (headBytes == FRAME_HEAD) {
                    headBytes = 0;
                    frameBegins();
                }
            }
        }
    }

    private void frameBegins() {
        int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
        int type = head[3] & 0xff;
        if (type == HEADERS && !inBlock) {
            inBlock = true;
            deadline.in(nanos);
        }
        endsBlock = inBlock && (type == HEADERS || type == CONTINUATION) && (head[4] & END_HEADERS) != 0;
        payloadLeft = length;
        if (length == 0) {
            frameRead();
        }
    }

    private void frameRead() {
        if (endsBlock) {
            inBlock = false;
            endsBlock = false;
            deadline.off();
        }
    }

    private void expired(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.channel().close(); // from the tail, so that the codec says GOAWAY first
        if (ctx.pipeline().get(ConnectionErrors.NAME) instanceof ConnectionErrors errors) {
            errors.logged(ctx, new TimeoutException("a header block not complete within "
                    + java.time.Duration.ofNanos(nanos).toMillis() + " ms (limits.headerTimeout)"),
                    "HTTP/2 request head too slow");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.close();
        super.channelInactive(ctx);
    }
}
