package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Which loops send files whole (sendfile in the loop's own call): epoll and NIO do, io_uring does not where epoll is
 * there to do better. The loops made for file-sending listeners always do: a distribution's cache counts on it.
 */
class TransportTest {

    @Test
    void theLoopsMadeForFileSendingListenersSendFilesWholeWhateverTheMainOnesAre() throws Exception {
        EventLoopGroup main = Transport.newGroup(1, "transport-test");
        EventLoopGroup files = Transport.newSendfileGroup(1, "transport-test-files");
        try {
            assertThat(Transport.sendsFilesWhole(files)).isTrue();
            boolean uring = main instanceof IoEventLoopGroup io && io.isCompatible(IoUringIoHandle.class);
            assertThat(Transport.sendsFilesWhole(main)).as("main loops on io_uring: %s", uring)
                    .isEqualTo(!uring || !Epoll.isAvailable());
        } finally {
            main.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            files.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void epollAndNioSendFilesWholeIoUringDoesNotWhereEpollIsThere() throws Exception {
        assertThat(sendsFilesWhole(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()))).isTrue();
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll");
        assertThat(sendsFilesWhole(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()))).isTrue();
        Assumptions.assumeTrue(IoUring.isAvailable(), "io_uring");
        assertThat(sendsFilesWhole(new MultiThreadIoEventLoopGroup(1, IoUringIoHandler.newFactory()))).isFalse();
    }

    @Test
    void acceptedAndConnectedSocketsOfEveryTransportHaveNagleOffWithoutAskingForIt() throws Exception {
        // the listeners, pools and relays set no TCP_NODELAY themselves: Netty's socket channels start with it on
        for (EventLoopGroup group : java.util.List.of(Transport.newGroup(1, "nodelay-main"),
                Transport.newSendfileGroup(1, "nodelay-files"),
                new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()))) {
            try {
                java.util.concurrent.CompletableFuture<Boolean> accepted = new java.util.concurrent.CompletableFuture<>();
                io.netty.channel.Channel server = new io.netty.bootstrap.ServerBootstrap().group(group)
                        .channel(Transport.serverChannel(group))
                        .childHandler(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                                accepted.complete(ctx.channel().config().getOption(ChannelOption.TCP_NODELAY));
                            }
                        })
                        .bind(new java.net.InetSocketAddress("127.0.0.1", 0)).sync().channel();
                io.netty.channel.Channel client = new io.netty.bootstrap.Bootstrap().group(group)
                        .channelFactory(Transport.clientChannels(group, (java.net.InetSocketAddress) server.localAddress()))
                        .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                        .connect(server.localAddress()).sync().channel();
                assertThat(client.config().getOption(ChannelOption.TCP_NODELAY)).as("connected, %s", group).isTrue();
                assertThat(accepted.get(5, TimeUnit.SECONDS)).as("accepted, %s", group).isTrue();
                client.close().sync();
                server.close().sync();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void connectionsToIpv4AddressesAreIpv4SocketsOnEpollAndNio() throws Exception {
        // the kernel lists a socket by its family: /proc/net/tcp for IPv4, /proc/net/tcp6 for a dual-stack one
        java.util.List<EventLoopGroup> groups = new java.util.ArrayList<>(
                java.util.List.of(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory())));
        if (Epoll.isAvailable()) {
            groups.add(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()));
        }
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.net.InetSocketAddress to = (java.net.InetSocketAddress) server.getLocalSocketAddress();
            for (EventLoopGroup group : groups) {
                try {
                    io.netty.channel.Channel client = new io.netty.bootstrap.Bootstrap().group(group)
                            .channelFactory(Transport.clientChannels(group, to))
                            .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                            .connect(to).sync().channel();
                    int port = ((java.net.InetSocketAddress) client.localAddress()).getPort();
                    assertThat(sockets("/proc/net/tcp", port, to.getPort())).as("IPv4 sockets, %s", group).isEqualTo(1);
                    assertThat(sockets("/proc/net/tcp6", port, to.getPort())).as("IPv6 sockets, %s", group).isZero();
                    client.close().sync();
                } finally {
                    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Lines of a /proc/net/tcp* table for a connection from local port {@code from} to remote port {@code to}. */
    private static long sockets(String table, int from, int to) throws java.io.IOException {
        String local = String.format(":%04X", from);
        String remote = String.format(":%04X", to);
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of(table)).stream().skip(1)
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f[1].endsWith(local) && f[2].endsWith(remote)).count();
    }

    private static boolean sendsFilesWhole(EventLoopGroup group) throws InterruptedException {
        try {
            return Transport.sendsFilesWhole(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
