package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseNotifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Under a relay's TLS handler: what the handler writes between two flushes goes to the socket as one buffer. A TLS
 * engine may write a flush as several (the JDK's writes each record apart; any may put an empty buffer or an alert
 * beside), and two or more buffers in one flush are what Netty's io_uring channel writes with writev, the path that
 * stalls on a socket whose peer has sent its FIN ({@link OneWriteAtATime} says how). A flush of one buffer passes as
 * it is; of several, they are copied into one.
 */
final class OneBufferPerFlush extends ChannelOutboundHandlerAdapter {
    static final String NAME = "one-buffer-per-flush";
    private final List<ByteBuf> buffers = new ArrayList<>(4);
    private final List<ChannelPromise> promises = new ArrayList<>(4);
    private int bytes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf b)) {
            ctx.write(msg, promise);
            return;
        }
        buffers.add(b);
        promises.add(promise);
        bytes += b.readableBytes();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (buffers.isEmpty()) {
            ctx.flush();
            return;
        }
        if (buffers.size() == 1) { // the usual flush: as it is, with its own promise
            ctx.writeAndFlush(buffers.getFirst(), promises.getFirst());
            buffers.clear();
            promises.clear();
            bytes = 0;
            return;
        }
        ByteBuf one = ctx.alloc().directBuffer(bytes);
        for (ByteBuf b : buffers) {
            one.writeBytes(b);
            b.release();
        }
        PromiseNotifier<Void, ChannelFuture> each = new PromiseNotifier<>(false, promises.toArray(new ChannelPromise[0])); // a done one: no warning
        buffers.clear();
        promises.clear();
        bytes = 0;
        ctx.writeAndFlush(one).addListener(each); // its outcome is each write's
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffers.forEach(ReferenceCountUtil::release); // the channel closed with them unflushed
        for (ChannelPromise p : promises) {
            p.tryFailure(new java.nio.channels.ClosedChannelException());
        }
        buffers.clear();
        promises.clear();
    }
}
