package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Reads the {@link ClientHello} from a connection's first bytes before TLS is terminated and notes it on the
 * connection, then steps aside: a link that terminates TLS still tells {@code trace} what the client asked for.
 */
final class ClientHelloTap extends ChannelInboundHandlerAdapter {
    static final String NAME = "client-hello";
    static final AttributeKey<ClientHello> HELLO = AttributeKey.valueOf("forecourt.client-hello");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            ctx.channel().attr(HELLO).set(ClientHello.parse(b)); // null: not TLS, or a hello split over reads
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }
}
