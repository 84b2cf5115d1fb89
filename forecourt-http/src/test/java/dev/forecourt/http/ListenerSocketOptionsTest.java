package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sockets a listener accepts have TCP keep-alive and Nagle off, on every transport, though the listener sets
 * neither on each of them (Linux hands SO_KEEPALIVE on from the listening socket; Netty turns Nagle off).
 */
class ListenerSocketOptionsTest {
    @Test
    void onIoUring() throws Exception {
        Assumptions.assumeTrue(IoUring.isAvailable(), "io_uring");
        acceptedSocketsHaveKeepAliveAndNagleOff(IoUringIoHandler.newFactory());
    }

    @Test
    void onEpoll() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll");
        acceptedSocketsHaveKeepAliveAndNagleOff(EpollIoHandler.newFactory());
    }

    @Test
    void onNio() throws Exception {
        acceptedSocketsHaveKeepAliveAndNagleOff(NioIoHandler.newFactory());
    }

    private static void acceptedSocketsHaveKeepAliveAndNagleOff(IoHandlerFactory transport) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport);
        Listener listener = null;
        try {
            listener = Listener.start(new ListenerSpec("options", new InetSocketAddress("127.0.0.1", 0), null,
                    Limits.DEFAULT), new RequestHandler() {
                        @Override
                        public void handle(ServerExchange x) {}

                        @Override
                        public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo c, HttpRequest r) {
                            return null;
                        }
                    }, group);
            try (Socket client = new Socket("127.0.0.1", listener.address().getPort())) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (listener.connections().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertThat(listener.connections().size()).as("connections accepted").isEqualTo(1);
                Channel accepted = listener.connections().iterator().next();
                assertThat(accepted.config().getOption(ChannelOption.SO_KEEPALIVE)).as("keep-alive").isTrue();
                assertThat(accepted.config().getOption(ChannelOption.TCP_NODELAY)).as("no Nagle").isTrue();
            }
        } finally {
            if (listener != null) {
                listener.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
