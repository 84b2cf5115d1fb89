package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9112 strictness on the wire: each malformed request is refused with the taxonomy's status and the connection
 * closed, and nothing reaches the origin (the echo would answer 200 if it did).
 */
class StrictParsingTest {
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        Limits limits = new Limits(4096, 1024, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(30), 100, 100);
        f = Forecourt.start(Fixture.config(limits, AccessLogConfig.OFF, echo("iiif", List.of("iiif.internal"), true)), 1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String exchange(String raw) throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            return c.send(raw).readUntilClose();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "content-length with transfer-encoding|POST / HTTP/1.1\\r\\nHost: iiif.internal\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n",
            "differing duplicate content-length|POST / HTTP/1.1\\r\\nHost: iiif.internal\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\nhello!",
            "differing duplicate content-length in HTTP/1.0|POST / HTTP/1.0\\r\\nHost: iiif.internal\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\nhello!",
            "obs-fold|GET / HTTP/1.1\\r\\nHost: iiif.internal\\r\\nX-Folded: a\\r\\n  b\\r\\n\\r\\n",
            "missing host|GET / HTTP/1.1\\r\\nAccept: */*\\r\\n\\r\\n",
            "two hosts|GET / HTTP/1.1\\r\\nHost: iiif.internal\\r\\nHost: other.internal\\r\\n\\r\\n",
            "invalid host|GET / HTTP/1.1\\r\\nHost: iiif internal\\r\\n\\r\\n",
            "bare LF line ends|GET / HTTP/1.1\\nHost: iiif.internal\\n\\n",
            "space before colon|GET / HTTP/1.1\\r\\nHost : iiif.internal\\r\\n\\r\\n",
            "bad target|GET nothing HTTP/1.1\\r\\nHost: iiif.internal\\r\\n\\r\\n",
            "transfer-encoding not chunked last|POST / HTTP/1.1\\r\\nHost: iiif.internal\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n",
    })
    void malformedRequestsAreRefusedAndTheConnectionClosed(String name, String raw) throws Exception {
        String r = exchange(raw.replace("\\r", "\r").replace("\\n", "\n"));
        assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "forecourt-hop: ingress/public",
                "connection: close").doesNotContain("\"app\":\"echo\"");
    }

    @Test
    void aBadChunkSizeIsRefusedAndTheOriginNeverSeesACompleteRequest() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: iiif.internal\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request").doesNotContain("\"app\":\"echo\"");
    }

    @Test
    void aCodingBeforeChunkedIs501NotPassedOnAsChunked() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: iiif.internal\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 501").contains("forecourt-error: not_implemented", "gzip, chunked")
                .doesNotContain("\"app\":\"echo\"");
    }

    @Test
    void aHeadRefusedAtTheWireGetsTheHeadAlone() throws Exception {
        String r = exchange("HEAD / HTTP/1.1\r\nHost: iiif internal\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").containsPattern("content-length: [1-9]");
        assertThat(r.substring(r.indexOf("\r\n\r\n") + 4)).as("no body after the head").isEmpty();
    }

    @Test
    void anOversizeHeaderSectionIs431() throws Exception {
        String r = exchange("GET / HTTP/1.1\r\nHost: iiif.internal\r\nX-Big: " + "a".repeat(5000) + "\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 431").contains("forecourt-error: request_header_too_large", "limits.maxHeaderSize");
    }

    @Test
    void anOversizeTrailerSectionIs431Too() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: iiif.internal\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n"
                + "X-Big: " + "a".repeat(5000) + "\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 431").contains("forecourt-error: request_header_too_large", "trailer section");
    }

    @Test
    void anOverlongRequestLineIs414() throws Exception {
        String r = exchange("GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 414").contains("forecourt-error: uri_too_long", "limits.maxRequestLine");
    }

    @Test
    void aSlowHeadIs408AndClosed() throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            String r = c.send("GET / HTTP/1.1\r\nHost: iiif.int").readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 408").contains("forecourt-error: request_timeout", "limits.headerTimeout");
        }
    }

    @Test
    void anIdleConnectionIsClosedQuietly() throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            c.send("GET / HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            // idleTimeout is 1s here: the server closes without a word (a 408 would be read as data, not a close)
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void absoluteFormTargetsUseTheirAuthorityAsHost() throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            String r = c.send("GET http://iiif.internal/x?y=1 HTTP/1.1\r\nHost: other.example\r\n\r\n").readResponse();
            assertThat(r).startsWith("HTTP/1.1 200").contains("\"path\":\"/x?y=1\"", "\"host\":\"iiif.internal\"");
        }
    }

    /** RFC 9112 3.2: the target is passed on as it came, so one an origin could read otherwise is refused. */
    @ParameterizedTest(name = "target {0}")
    @ValueSource(strings = {"/a\u0000b", "/a\u007fb", "/a\u001bb", "/a\u0001b", "/a\"b", "/a<b", "/a>b", "/a{b", "/a}b",
            "/a|b", "/a\\b", "/a`b", "/caf\u00e9", "/page#frag", "/a%zz", "/a%4"})
    void targetsWithBytesThatMustBeEncodedAreRefused(String target) throws Exception {
        String r = exchange("GET " + target + " HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "connection: close")
                .doesNotContain("\"app\":\"echo\"");
    }

    /**
     * The one exception: a raw '^'. IIIF Image API 3.0 puts it in paths (`/full/^max/0/default.jpg`), its validator and
     * many clients send it unencoded, nginx takes it, and no origin reads it any other way than as itself.
     */
    @Test
    void aRawCaretPassesAsItCame() throws Exception {
        String r = exchange("GET /iiif/3/a/full/^max/0/default.jpg HTTP/1.1\r\nHost: iiif.internal\r\nConnection: close\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200").contains("\"path\":\"/iiif/3/a/full/^max/0/default.jpg\"");
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTPS/1.1", "HTTP/1.x", "HTTP/2", "HTTP/2.0.1"})
    void aVersionThatIsNotHttp1xIsRefused(String version) throws Exception {
        String r = exchange("GET / " + version + "\r\nHost: iiif.internal\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").doesNotContain("\"app\":\"echo\"");
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0"})
    void aLaterMajorVersionIs505AsNginxAnswersIt(String version) throws Exception {
        String r = exchange("GET / " + version + "\r\nHost: iiif.internal\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 505").containsIgnoringCase("forecourt-error: http_version_not_supported")
                .doesNotContain("\"app\":\"echo\"");
    }

    @Test
    void aLaterHttp1MinorIsServedAsHttp11AndEncodedTargetsPassAsTheyCame() throws Exception {
        String r = exchange("GET /a%20b/caf%C3%A9;p=1?q=%7Bx%7D&r=[1]:@!$'()*+, HTTP/1.2\r\nHost: iiif.internal\r\nConnection: close\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200").contains("\"path\":\"/a%20b/caf%C3%A9;p=1?q=%7Bx%7D&r=[1]:@!$'()*+,\"");
    }
}
