package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.Limits;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/2 {@code :path} is held to the request-target rules of an HTTP/1 request line: it is passed on as the
 * upstream's request line, so a byte there that HTTP/1 refuses would make the origin read another path than the one
 * routed, cached and logged here. Raw frames (prior knowledge, cleartext), so that the client sends the bytes as they are.
 */
class Http2TargetTest {
    @Test
    void aPathHttp1WouldRefuseIsA400OverHttp2Too() throws Exception {
        Config c = Configs.of(Path.of("t.yaml"), Map.of(), Map.of("app", Fixture.echo("app", List.of("app.internal"), true)),
                new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT), null);
        try (Forecourt f = Forecourt.start(c, 1)) {
            assertThat(status(f.address("ingress"), "/hello").get(":status")).hasToString("200");
            for (String path : java.util.Arrays.asList("/a\tb", "/a#b", "/a\"b", "/a\\b", "/%zz", "/\u00e9", "/a b", null)) {
                Http2Headers answer = status(f.address("ingress"), path);
                assertThat(answer.get(":status")).as(path).hasToString("400");
                assertThat(answer.get("forecourt-error")).as(path).hasToString("bad_request");
                // refused where it arrived, not passed on (the app behind, an HTTP/1 listener, refuses it too)
                assertThat(answer.get("forecourt-hop")).as(path).hasToString("ingress/public");
            }
        }
    }

    /**
     * A {@code host} field that names another authority than {@code :authority} makes the request malformed (RFC
     * 9113 8.3.1): a 400 that says so, as for any bad request, not a reset stream that tells the client nothing.
     */
    @Test
    void aHostThatDiffersFromTheAuthorityIsA400() throws Exception {
        Config c = Configs.of(Path.of("t.yaml"), Map.of(), Map.of("app", Fixture.echo("app", List.of("app.internal"), true)),
                new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT), null);
        try (Forecourt f = Forecourt.start(c, 1)) {
            assertThat(status(f.address("ingress"), "/hello", "host", "app.internal").get(":status")).hasToString("200");
            Http2Headers answer = status(f.address("ingress"), "/hello", "host", "other.internal");
            assertThat(answer.get(":status")).hasToString("400");
            assertThat(answer.get("forecourt-error")).hasToString("bad_request");
            assertThat(answer.get("forecourt-hop")).hasToString("ingress/public");
        }
    }

    /** The response head of one GET of {@code path} on a new HTTP/2 connection, with more fields if given. */
    private static Http2Headers status(InetSocketAddress a, String path, String... more) throws Exception {
        List<String[]> fields = new java.util.ArrayList<>(List.of(new String[][] {{":method", "GET"},
                {":scheme", "http"}, {":path", path}, {":authority", "app.internal"}}));
        fields.removeIf(f -> f[1] == null); // a request without :path
        for (int i = 0; i < more.length; i += 2) {
            fields.add(new String[] {more[i], more[i + 1]});
        }
        try (RawHttp2 c = new RawHttp2(a, 5000).headers(true, fields)) {
            while (true) {
                RawHttp2.Frame frame = c.next();
                if (frame.type() == RawHttp2.HEADERS && frame.stream() == 1) {
                    return frame.headers();
                }
                if (frame.type() == RawHttp2.RST_STREAM && frame.stream() == 1) {
                    throw new AssertionError("stream 1 reset without an answer, for " + path);
                }
            }
        }
    }
}
