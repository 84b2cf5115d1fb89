package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
            listener.serve(new RequestHandler() {
                @Override
                public void handle(ServerExchange x) {
                    byte[] b = "served".getBytes(StandardCharsets.US_ASCII);
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
                    x.respond(head, Body.of(Unpooled.wrappedBuffer(b)), ResponseListener.NONE);
                }

                @Override
                public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo c, HttpRequest r) {
                    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, type.status());
                }
            });
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200 OK").endsWith("served");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer after serve()", e);
        } finally {
            listener.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
