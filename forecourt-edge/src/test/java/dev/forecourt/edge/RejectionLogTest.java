package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.Limits;
import dev.forecourt.http.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request the connection refuses before any stage (a malformed or too large head) is logged with the bytes sent. */
class RejectionLogTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedHeadIsLoggedWithTheBytesOfItsAnswer() throws Exception {
        Path log = dir.resolve("access.log");
        try (Forecourt f = Forecourt.start(Fixture.config(Limits.DEFAULT, new AccessLogConfig(true, "$status $error $bytes",
                log.toString()), Fixture.echo("app", List.of("app.internal"), true)), 1)) {
            List<String> sent = List.of(
                    answer(f, "GET /a b c HTTP/1.1\r\nHost: app.internal\r\n\r\n"), // a malformed request line: 400
                    answer(f, "GET / HTTP/1.1\r\nHost: app.internal\r\nX-Big: " + "x".repeat(70_000) + "\r\n\r\n")); // 431
            Thread.sleep(300);
            assertThat(Files.readAllLines(log)).containsExactly("400 bad_request " + sent.get(0),
                    "431 request_header_too_large " + sent.get(1)); // they said 0
        }
    }

    @Test
    void anHttp2HeaderBlockOverTheLimitIsAnsweredAndLoggedAsTheHttp1HeadIs() throws Exception {
        // between the limit and 1.25 times it Netty decodes the block and answered a bare 431 that nobody logged
        Path log = dir.resolve("access.log");
        try (Forecourt f = Forecourt.start(Fixture.config(Limits.DEFAULT, new AccessLogConfig(true, "$status $error $bytes",
                log.toString()), Fixture.echo("app", List.of("app.internal"), true)), 1);
                RawHttp2 c = new RawHttp2(f.address("ingress"), 5000)) {
            c.headers(true, List.of(new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", "/"},
                    {":authority", "app.internal"}, {"x-big", "x".repeat(70_000)}}));
            io.netty.handler.codec.http2.Http2Headers head = null;
            int bodyBytes = 0;
            for (RawHttp2.Frame frame = c.next(); frame.type() != RawHttp2.RST_STREAM; frame = c.next()) {
                if (frame.type() == RawHttp2.HEADERS) {
                    head = frame.headers();
                } else if (frame.type() == RawHttp2.DATA) {
                    bodyBytes += frame.payload().length;
                }
            }
            assertThat(head).as("an answer before the reset").isNotNull();
            assertThat(head.status().toString()).isEqualTo("431");
            assertThat(head.get("forecourt-error").toString()).isEqualTo("request_header_too_large");
            assertThat(head.getInt("content-length")).isEqualTo(bodyBytes).isPositive();
            Thread.sleep(300);
            assertThat(Files.readAllLines(log)).containsExactly("431 request_header_too_large " + bodyBytes);
        }
    }

    /** The Content-Length of the answer to {@code request}, sent on a new connection. */
    private static String answer(Forecourt f, String request) throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(c.send(request).readUntilClose());
            assertThat(m.find()).as("an answer with a length to " + request.substring(0, 20)).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
            return m.group(1);
        }
    }
}
