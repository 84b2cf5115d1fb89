package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.Limits;
import dev.forecourt.http.RawHttp;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body that breaks by the client's doing while the ingress streams it to the upstream (the client stalls,
 * or its chunked framing turns bad) is one exchange: one answer, one access log line and one count, naming what the
 * client did and the upstream it was going to. It used to be two: the upstream leg's 400 and the wire's own answer.
 */
class BrokenBodyLogTest {
    @TempDir
    static Path dir;
    static ServerSocket upstream;
    static final StringBuffer received = new StringBuffer(); // all the upstream read, from every connection
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        // an upstream that reads whatever comes and never answers: the body's break is all that ends an exchange
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket s = upstream.accept();
                    Thread.ofPlatform().daemon().start(() -> drain(s));
                } catch (Exception closed) {
                    return;
                }
            }
        });
        Limits limits = new Limits(64 * 1024, 8 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60), 100, 100);
        f = Forecourt.start(Fixture.config(limits, new AccessLogConfig(true, "$method $path $status $error $upstream",
                dir.resolve("access.log").toString()), Fixture.at("app", "app.internal",
                List.of("127.0.0.1:" + upstream.getLocalPort()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(30))), 1);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        upstream.close();
    }

    @Test
    void aStalledBodyIsOne408() throws Exception {
        double before = counted("request_timeout", "408");
        String answer;
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            c.send("POST /stalled HTTP/1.1\r\nHost: app.internal\r\nContent-Length: 10\r\n\r\n01234");
            answer = c.readUntilClose();
        }
        assertThat(answer).startsWith("HTTP/1.1 408").contains("forecourt-error: request_timeout",
                "the request body stalled", "limits.idleTimeout");
        assertThat(logLines("/stalled")).singleElement().asString()
                .startsWith("POST /stalled 408 request_timeout 127.0.0.1:" + upstream.getLocalPort());
        assertThat(counted("request_timeout", "408") - before).as("counted").isEqualTo(1.0);
    }

    @Test
    void badChunkFramingMidBodyIsOne400() throws Exception {
        String answer;
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            c.send("POST /framing HTTP/1.1\r\nHost: app.internal\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nframe\r\n");
            awaitUpstream("frame"); // the body streams upstream: its reader subscribed
            c.send("zz\r\n");
            answer = c.readUntilClose();
        }
        assertThat(answer).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "bad request body framing");
        assertThat(logLines("/framing")).singleElement().asString()
                .startsWith("POST /framing 400 bad_request 127.0.0.1:" + upstream.getLocalPort());
    }

    /**
     * On HTTP/2 the stream's 408 is followed by a reset of the client's side, which is still open: without it the
     * stream (and its connection, which only counts idle time with no stream open) would stay open for as long as
     * the client holds the connection.
     */
    @Test
    void aStalledBodyOnHttp2IsA408ThenTheStreamIsReset() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(f.address("ingress"), 2000);
            s.setSoTimeout(8000);
            java.io.OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS, empty
            java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
            for (String[] field : new String[][] {{":method", "POST"}, {":scheme", "http"}, {":path", "/h2stalled"},
                    {":authority", "app.internal"}, {"content-length", "10"}}) {
                block.write(0); // a literal field, not indexed, new name (RFC 7541 6.2.2); lengths under 127
                block.write(field[0].length());
                block.write(field[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                block.write(field[1].length());
                block.write(field[1].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            byte[] b = block.toByteArray();
            out.write(new byte[] {0, 0, (byte) b.length, 1, 4, 0, 0, 0, 1}); // HEADERS, END_HEADERS, stream 1
            out.write(b);
            out.write(new byte[] {0, 0, 5, 0, 0, 0, 0, 0, 1}); // DATA, 5 of the 10 bytes, stream 1
            out.write("01234".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            String status = null;
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (type == 1 && stream == 1) {
                    status = new io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder(false)
                            .decodeHeaders(1, io.netty.buffer.Unpooled.wrappedBuffer(payload)).status().toString();
                } else if (type == 3 && stream == 1) {
                    break; // RST_STREAM
                }
            }
            assertThat(status).as("the answer before the reset").isEqualTo("408");
        }
    }

    private static List<String> logLines(String path) throws Exception {
        Thread.sleep(300); // a second line, if any, is written as the connection closes
        return Files.readAllLines(dir.resolve("access.log")).stream().filter(l -> l.contains(" " + path + " ")).toList();
    }

    private static double counted(String error, String status) throws Exception {
        String metrics = Fixture.get(f, "admin", "admin", "/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("forecourt_requests_total{") && l.contains("error=\"" + error + "\"")
                && l.contains("status=\"" + status + "\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static void drain(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (Exception gone) {
            // the ingress closed it
        }
    }

    private static void awaitUpstream(String text) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (received.indexOf(text) < 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(received.toString()).as("what the upstream received").contains(text);
    }
}
