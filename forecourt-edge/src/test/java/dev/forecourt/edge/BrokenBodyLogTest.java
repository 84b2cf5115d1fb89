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
import java.nio.charset.StandardCharsets;
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
        String answer = sendAndRead("POST /stalled HTTP/1.1\r\nHost: app.internal\r\nContent-Length: 10\r\n\r\n01234");
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
     * A body that breaks before its upstream connection is up (head, a chunk and a bad chunk in one read: the connect
     * completes after) is answered by the connection itself; the exchange's own failure, later, is not a second line.
     */
    @Test
    void aBodyThatBreaksBeforeItsUpstreamConnectsIsOneLine() throws Exception {
        double before = counted("bad_request", "400");
        String answer = sendAndRead(
                "POST /early HTTP/1.1\r\nHost: app.internal\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nearly\r\nzz\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("bad request body framing");
        assertThat(logLines("/early")).singleElement().asString().startsWith("POST /early 400 bad_request");
        assertThat(counted("bad_request", "400") - before).as("counted").isEqualTo(1.0);
    }

    /**
     * On HTTP/2 the stream's 408 is followed by a reset of the client's side, which is still open: without it the
     * stream (and its connection, which only counts idle time with no stream open) would stay open for as long as
     * the client holds the connection.
     */
    @Test
    void aStalledBodyOnHttp2IsA408ThenTheStreamIsReset() throws Exception {
        try (RawHttp2 c = new RawHttp2(f.address("ingress"), 8000)) {
            c.headers(false, List.of(new String[][] {{":method", "POST"}, {":scheme", "http"}, {":path", "/h2stalled"},
                    {":authority", "app.internal"}, {"content-length", "10"}})).data("01234"); // 5 of the 10 bytes
            String status = null;
            for (RawHttp2.Frame frame = c.next(); frame.type() != RawHttp2.RST_STREAM || frame.stream() != 1; frame = c.next()) {
                if (frame.type() == RawHttp2.HEADERS && frame.stream() == 1) {
                    status = frame.headers().status().toString();
                }
            }
            assertThat(status).as("the answer before the reset").isEqualTo("408");
        }
    }

    /** Sends {@code request} in one write on a new connection; all that comes back until the ingress closes it. */
    private static String sendAndRead(String request) throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            c.send(request);
            return c.readUntilClose();
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
                received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
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
