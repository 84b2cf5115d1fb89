package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sockets a listener accepts have TCP keep-alive and Nagle off, on every transport, though the listener sets
 * neither on each of them (Linux hands SO_KEEPALIVE on from the listening socket; Netty turns Nagle off).
 */
class ListenerSocketOptionsTest {
    @Test
    void acceptedSocketsHaveKeepAliveAndNagleOff() throws Exception {
        for (EventLoopGroup group : List.of(Transport.newGroup(1, "options-main"), Transport.newSendfileGroup(1, "options-files"),
                new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()))) {
            Listener listener = Listener.start(new ListenerSpec("options", new InetSocketAddress("127.0.0.1", 0), null,
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
                Channel accepted = listener.connections().iterator().next();
                assertThat(accepted.config().getOption(ChannelOption.SO_KEEPALIVE)).as("keep-alive, %s", group).isTrue();
                assertThat(accepted.config().getOption(ChannelOption.TCP_NODELAY)).as("no Nagle, %s", group).isTrue();
            } finally {
                listener.close();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            }
        }
    }
}
