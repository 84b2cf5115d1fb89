package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An origin's name is looked up again: when the address behind it moves (a cloud load balancer rotating), new
 * connections go to the new one; a failed look-up keeps the last good address.
 */
class EndpointLookupTest {

    /** Answers every request on each connection with its own name, then closes. */
    private static ServerSocket origin(String name) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    InputStream in = c.getInputStream();
                    int state = 0;
                    int b;
                    while (state < 4 && (b = in.read()) >= 0) {
                        state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
                    }
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + name.length()
                            + "\r\nConnection: close\r\n\r\n" + name).getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        });
        return s;
    }

    /** The name of the origin that answered. */
    private static String get(Endpoint e, EventLoopGroup group) throws Exception {
        Object r = UpstreamGet.get(e, group.next(), "origin.test").get(5, TimeUnit.SECONDS);
        if (r instanceof Throwable t) throw new AssertionError(t);
        return ((String) r).substring("200 ".length());
    }

    @Test
    void newConnectionsFollowTheAddressANameMovesTo() throws Exception {
        EventLoopGroup group = Transport.newGroup(1, "test");
        try (ServerSocket a = origin("a"); ServerSocket b = origin("b")) {
            AtomicReference<Object> dns = new AtomicReference<>(a.getLocalSocketAddress());
            Endpoint e = Endpoint.resolving("origin.test:80", () -> {
                Object now = dns.get();
                if (now instanceof Exception x) throw x;
                return (InetSocketAddress) now;
            }, Duration.ofMillis(100), UpstreamSettings.DEFAULT);
            assertThat(get(e, group)).isEqualTo("a");
            dns.set(b.getLocalSocketAddress());
            assertThat(get(e, group)).isEqualTo("a"); // still fresh: the address known
            Thread.sleep(150);
            get(e, group);                            // stale: this connect starts a look-up in the background
            long until = System.currentTimeMillis() + 3000;
            String now = get(e, group);
            while (!now.equals("b") && System.currentTimeMillis() < until) {
                Thread.sleep(20);
                now = get(e, group);
            }
            assertThat(now).isEqualTo("b");
            dns.set(new java.net.UnknownHostException("origin.test: no such host"));
            Thread.sleep(150);
            get(e, group);
            Thread.sleep(100);
            assertThat(get(e, group)).isEqualTo("b"); // a failed look-up keeps the last good address
            e.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
