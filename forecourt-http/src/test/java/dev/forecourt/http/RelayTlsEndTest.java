package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A relay that ends TLS passes a target's FIN on as TLS ends a way: a close_notify, then the FIN. A FIN alone is a
 * truncation to a client that reads to the end (OpenSSL 3: "unexpected eof while reading"), which the JDK's own
 * SSLSocket does not tell apart; so the client here is Netty's, which reports the close_notify as an event.
 */
class RelayTlsEndTest {
    static EventLoopGroup group;
    static EventLoopGroup clients;

    @BeforeAll
    static void start() {
        group = Transport.newGroup(2, "relay-tls-test");
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aTargetsFinReachesATlsClientAfterACloseNotify() throws Exception {
        TestCerts.Pem pem = TestCerts.selfSigned(Files.createTempDirectory("relay-tls-end"), "link.internal");
        try (SocketTarget target = new SocketTarget(s -> s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII)));
             Listener link = Listener.startTcp(new ListenerSpec("link", new InetSocketAddress("127.0.0.1", 0),
                     ServerTls.of(List.of(new ServerTls.Certificate(pem.cert(), pem.key())), "TLSv1.2"), Limits.DEFAULT,
                     false), new TcpRelay(c -> target.target(), TcpRelay.Settings.DEFAULT, r -> { }), group)) {
            assertThat(readToTheEnd(link.address(), pem)).isEqualTo("bye, then close_notify");
            assertThat(target.failure(0)).isNull();
        }
    }

    @Test
    void aConnectionTheListenerClosesMidHandshakeIsRecordedAsListenerClosed() throws Exception {
        // a drain is no failure of the client's: it was client_tls_failure (or client_reset) and a TLS error line
        TestCerts.Pem pem = TestCerts.selfSigned(Files.createTempDirectory("relay-tls-drain"), "link.internal");
        java.util.concurrent.BlockingQueue<RelayRecord> records = new java.util.concurrent.LinkedBlockingQueue<>();
        try (SocketTarget target = new SocketTarget(s -> { });
             Listener link = Listener.startTcp(new ListenerSpec("link", new InetSocketAddress("127.0.0.1", 0),
                     ServerTls.of(List.of(new ServerTls.Certificate(pem.cert(), pem.key())), "TLSv1.2"), Limits.DEFAULT,
                     false), new TcpRelay(c -> target.target(), TcpRelay.Settings.DEFAULT, records::add), group);
             java.net.Socket client = new java.net.Socket()) {
            Logger errors = (Logger) LoggerFactory.getLogger(ConnectionErrors.class);
            ListAppender<ILoggingEvent> said = new ListAppender<>();
            said.start();
            errors.addAppender(said);
            errors.setLevel(Level.INFO); // as bin/forecourt logs its lines (the tests' root is at WARN)
            try {
                client.setSoTimeout(5000);
                client.connect(link.address(), 2000);
                client.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00}); // the start of a ClientHello
                client.getOutputStream().flush();
                Thread.sleep(200); // read by the listener
                link.closeConnections();
                RelayRecord r = records.poll(5, TimeUnit.SECONDS);
                assertThat(r).as("a record").isNotNull();
                assertThat(r.reason()).isEqualTo(RelayRecord.Reason.LISTENER_CLOSED);
                assertThat(records.poll(300, TimeUnit.MILLISECONDS)).as("one record only").isNull();
                assertThat(link.relay().open()).as("counted while its handshake ran, until its record").isZero();
                assertThat(said.list).as("no TLS error line: the drain is not the client's failure").isEmpty();
            } finally {
                errors.detachAppender(said);
                errors.setLevel(null);
            }
        }
    }

    /** What a TLS client reads from {@code address} until the connection closes, and whether a close_notify came. */
    private static String readToTheEnd(InetSocketAddress address, TestCerts.Pem trusted) throws Exception {
        SslContext tls = SslContextBuilder.forClient().trustManager(trusted.cert().toFile()).build();
        CompletableFuture<String> ended = new CompletableFuture<>();
        StringBuilder got = new StringBuilder();
        new Bootstrap().group(clients).channel(NioSocketChannel.class).handler(new ChannelInboundHandlerAdapter() {
            boolean closeNotify;

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.pipeline().addBefore(ctx.name(), "tls", tls.newHandler(ctx.alloc(), "link.internal", address.getPort()));
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                got.append(b.toString(StandardCharsets.US_ASCII));
                b.release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof SslCloseCompletionEvent e && e.isSuccess()) {
                    closeNotify = true;
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                ended.complete(got + (closeNotify ? ", then close_notify" : ", then a FIN without close_notify"));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ended.complete(got + ", then " + cause);
                ctx.close();
            }
        }).connect(address).sync();
        return ended.get(5, TimeUnit.SECONDS);
    }
}
