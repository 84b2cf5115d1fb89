package dev.forecourt.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;

/** Writing a body's chunks to a channel without outrunning it. */
final class Backpressure {
    private Backpressure() {}

    /**
     * Writes a chunk that is not the last; if the channel is then full, pauses the body and flushes. The pause comes
     * first: the flush itself may make the channel writable again, and that event's resume() must find the body
     * paused. The channel's handler resumes the body from {@code channelWritabilityChanged}.
     */
    static void writeChunk(ChannelHandlerContext ctx, Body body, HttpContent content) {
        ctx.write(content, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            body.pause();
            ctx.flush();
        }
    }
}
