package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A listener bound paused takes connections into the kernel's queue and answers them once it is given its handler. */
class ListenerPausedTest {

    @Test
    void aClientThatConnectsBeforeTheHandlerIsGivenIsAnsweredOnceItIs() throws Exception {
        EventLoopGroup group = Transport.newGroup(1, "paused-test");
        Listener listener = Listener.bindPaused(new ListenerSpec("paused", new InetSocketAddress("127.0.0.1", 0), null,
                Limits.DEFAULT), group);
        try (RawHttp client = new RawHttp(listener.address())) { // connected: the kernel completed the handshake
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            Thread.sleep(300);
            assertThat(listener.connections().size()).as("connections accepted while paused").isZero();
            listener.serve(new TextHandler(x -> "served"));
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200 OK").endsWith("served");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer after serve()", e);
        } finally {
            listener.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
