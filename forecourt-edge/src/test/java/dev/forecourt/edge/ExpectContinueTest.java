package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} is met at the hop it reaches: the 100 goes out when the body is first wanted, so a
 * request answered before that gets its final answer alone and its body is never sent (RFC 9110 10.1.1); the
 * expectation is not passed on, and from HTTP/1.0 it is ignored.
 */
class ExpectContinueTest {
    private static final String UPLOAD = "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n";

    @Test
    void aRequestAnsweredBeforeItsBodyIsWantedGetsNo100() throws Exception {
        try (Forecourt f = Forecourt.start(Fixture.config(Fixture.echo("app", List.of("app.internal"), true)), 1);
             RawHttp c = new RawHttp(f.address("ingress"))) {
            c.send("POST /upload HTTP/1.1\r\nHost: nowhere.internal\r\n" + UPLOAD);
            assertThat(c.readUntilClose()).startsWith("HTTP/1.1 404").contains("forecourt-error: no_route")
                    .doesNotContain("100 Continue");
        }
    }

    @Test
    void aRequestWhoseBodyIsWantedGets100ThenItsAnswer() throws Exception {
        try (Forecourt f = Forecourt.start(Fixture.config(Fixture.echo("app", List.of("app.internal"), true)), 1);
             Socket s = new Socket()) {
            s.connect(f.address("ingress"), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: app.internal\r\nConnection: close\r\n" + UPLOAD)
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length()), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"bodyBytes\":5");
            assertThat(answer.toLowerCase()).doesNotContain("\"expect\"");
        }
    }

    @Test
    void theExpectationIsNotPassedOnNorHonouredFromHttp10() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Forecourt f = Forecourt.start(Fixture.config(Fixture.at("app", "app.internal",
                     List.of("127.0.0.1:" + upstream.getLocalPort()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(5))), 1);
             RawHttp c = new RawHttp(f.address("ingress"))) {
            CompletableFuture<String> seen = answerOnce(upstream);
            c.send("POST /upload HTTP/1.0\r\nHost: app.internal\r\n" + UPLOAD + "hello");
            String answer = c.readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("100 Continue");
            assertThat(seen.get(5, TimeUnit.SECONDS).toLowerCase()).doesNotContain("expect").endsWith("hello");
        }
    }

    /**
     * Answers the first connection that brings a request (a health check's connection brings none) with 200, after
     * reading its head and a 5-byte body, and returns what it read. On a thread of its own, bounded by timeouts.
     */
    private static CompletableFuture<String> answerOnce(ServerSocket upstream) {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                upstream.setSoTimeout(5000);
                while (!seen.isDone()) {
                    try (Socket s = upstream.accept()) {
                        s.setSoTimeout(5000);
                        String read = readRequest(s.getInputStream());
                        if (read != null) {
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                                    .getBytes(StandardCharsets.US_ASCII));
                            seen.complete(read);
                        }
                    }
                }
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }

    /** The upload's head and 5-byte body, or null for anything else (a health check, a connection that ends). */
    private static String readRequest(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            read.write(b);
        }
        if (!read.toString(StandardCharsets.ISO_8859_1).toLowerCase().contains("content-length: 5\r\n")) {
            return null; // a health check's GET, not the upload
        }
        byte[] body = in.readNBytes(5);
        if (body.length < 5) {
            return null;
        }
        read.write(body);
        return read.toString(StandardCharsets.ISO_8859_1);
    }
}
