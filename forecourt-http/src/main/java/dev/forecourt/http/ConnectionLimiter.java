package dev.forecourt.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Counts a listener's open connections and closes any beyond the limit at once (as Envoy's overload manager does). */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    /** Set on a connection closed for being over the limit: it is recorded as that, and as nothing else. */
    static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("forecourt.over-the-limit");
    private final AtomicInteger open = new AtomicInteger();
    private final int max;
    private final Consumer<Channel> refused;

    /** {@code refused} hears of each connection closed for being over the limit (a relay records it). */
    ConnectionLimiter(int max, Consumer<Channel> refused) {
        this.max = max;
        this.refused = refused;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.close();
            refused.accept(ctx.channel());
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }
}
