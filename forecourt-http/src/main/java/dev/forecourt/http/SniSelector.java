package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * Chooses a TLS connection's certificate by the name its ClientHello carries (SNI) and notes the name on the
 * connection. A ClientHello without a name gets the first certificate, or, where the listener requires SNI
 * ({@link ServerTls#requiresSni()}), a fatal {@code unrecognized_name} alert and the connection closed: what a
 * platform's private endpoint that routes by SNI does (as nginx's {@code ssl_reject_handshake}).
 */
final class SniSelector extends SniHandler {
    /** TLS record: alert (21), version 1.2, length 2; fatal (2), unrecognized_name (112, RFC 6066 section 3). */
    private static final byte[] UNRECOGNIZED_NAME = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70};
    private static final int HANDSHAKE_RECORD = 0x16;
    private final ServerTls tls;
    private final AttributeKey<String> noted;
    private int firstByte = -1;

    SniSelector(ServerTls tls, AttributeKey<String> noted) {
        super(tls.contexts());
        this.tls = tls;
        this.noted = noted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (firstByte < 0 && in.isReadable()) {
            firstByte = in.getUnsignedByte(in.readerIndex());
        }
        super.decode(ctx, in, out);
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) throws Exception {
        if (hostname == null && tls.requiresSni()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME)).addListener(ChannelFutureListener.CLOSE);
            // one log line by connection-errors (which closes too); a failed lookup would be reported three times.
            // Netty asks with no name for bytes that are no ClientHello at all, too: those are not a missing SNI.
            ctx.fireExceptionCaught(new SSLHandshakeException(firstByte == HANDSHAKE_RECORD
                    ? "no server name (SNI) in the ClientHello, which this listener requires: refused with"
                            + " unrecognized_name"
                    : "no ClientHello: the first byte is 0x%02x, where a ClientHello's record starts with 0x16".formatted(firstByte)));
            return ctx.executor().newPromise(); // never completed: the connection is closing, no certificate is chosen
        }
        return super.lookup(ctx, hostname);
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext ssl) throws Exception {
        ctx.channel().attr(noted).set(hostname);
        super.replaceHandler(ctx, hostname, ssl);
    }
}
