package dev.forecourt.edge.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traced requests through real sockets: each hop's record, joined by trace id on the admin listener. */
class TraceTest {
    static final String TOKEN = "0123456789abcdef0123";
    @TempDir Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String newTraceId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }

    /** One request on a connection of its own: the whole answer as text. {@code prefix}: bytes before the request. */
    static String exchange(int port, byte[] prefix, String head) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(prefix);
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static String get(int port, String path, String... headers) throws Exception {
        StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        for (String h : headers) b.append(h).append("\r\n");
        if (java.util.Arrays.stream(headers).noneMatch(h -> h.toLowerCase().startsWith("host:"))) {
            b.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        return exchange(port, new byte[0], b.append("Connection: close\r\n\r\n").toString());
    }

    static String traced(int port, String path, String traceId, String ask, String... more) throws Exception {
        String[] h = new String[more.length + 2];
        h[0] = "traceparent: 00-" + traceId + "-00f067aa0ba902b7-01";
        h[1] = "forecourt-trace: " + ask;
        System.arraycopy(more, 0, h, 2, more.length);
        return get(port, path, h);
    }

    private Forecourt start(String yaml) throws Exception {
        return Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1);
    }

    @Test
    void aTraceThroughTheApiTheLinkAndTheTlsIngressNamesEachHopAndTheServerNameTheLinkSaw() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "iiif.internal");
        int ingress = freePort();
        int link = freePort();
        String yaml = """
                services:
                  iiif: {domains: [iiif.internal], app: {echo: {}}, public: false}
                ingress:
                  privateListen: 127.0.0.1:%1$d
                  accessLog: off
                  tls: {certificates: [{cert: %3$s, key: %4$s}]}
                links:
                  nlb: {listen: 127.0.0.1:%2$d, targets: ["127.0.0.1:%1$d"], accessLog: off}
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "ANY /api/{proxy+}"
                        integration:
                          link: nlb
                          tls: {serverNameToVerify: iiif.internal, caFile: %3$s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                      - route: "ANY /nosni/{proxy+}"
                        integration:
                          link: nlb
                          tls: {caFile: %3$s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                admin: {listen: 127.0.0.1:0}
                """.formatted(ingress, link, cert.cert(), cert.key());
        try (Forecourt f = start(yaml)) {
            int api = f.address("api-public").getPort();
            int admin = f.address("admin").getPort();

            String ok = newTraceId();
            assertThat(traced(api, "/api/hello", ok, "on", "Host: api.example.org")).startsWith("HTTP/1.1 200");
            String story = get(admin, "/traces/" + ok);
            assertThat(story).startsWith("HTTP/1.1 200");
            assertThat(order(story, "\"hop\":\"api/public\"", "\"hop\":\"link/nlb\"", "\"hop\":\"ingress/private\"")).isTrue();
            assertThat(story).contains("route 'ANY /api/{proxy+}'")
                    .contains("TLS with SNI iiif.internal")
                    .contains("TLS passes through: ClientHello SNI iiif.internal")
                    .contains("TLS ends here (SNI iiif.internal)")
                    .contains("Host 'iiif.internal' -> 'iiif'")
                    .contains("host: api.example.org -> iiif.internal");
            assertThat(story).doesNotContain("\"answer\":\"self\"");

            String noSni = newTraceId();
            assertThat(traced(api, "/nosni/hello", noSni, "on")).startsWith("HTTP/1.1 503");
            String failed = get(admin, "/traces/" + noSni);
            assertThat(order(failed, "\"hop\":\"api/public\"", "\"hop\":\"link/nlb\"")).isTrue();
            assertThat(failed).as("the link saw a handshake without a name")
                    .contains("TLS passes through: ClientHello no SNI")
                    .contains("TLS without SNI")
                    .contains("\"answer\":\"self\"")
                    .contains("\"error\":\"upstream_tls_failure\"")
                    .contains("\"fix\":")
                    .doesNotContain("ingress/private");
        }
    }

    @Test
    void onlyLoopbackTrustedPeersOrTheTokenMayAskAndTheTokenGoesNoFurther() throws Exception {
        String yaml = """
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                  accessLog: off
                  proxyProtocol: [listen]
                  trustForwardedFrom: [127.0.0.1/32]
                admin: {listen: 127.0.0.1:0, token: %s}
                """.formatted(TOKEN);
        try (Forecourt f = start(yaml)) {
            int port = f.address("ingress").getPort();
            int admin = f.address("admin").getPort();
            byte[] remote = proxyV2(new byte[] {(byte) 203, 0, 113, 7}, port);

            String stranger = newTraceId();
            String echoed = exchange(port, remote, "GET / HTTP/1.1\r\nHost: echo.internal\r\ntraceparent: 00-" + stranger
                    + "-00f067aa0ba902b7-01\r\nforecourt-trace: on\r\nConnection: close\r\n\r\n");
            assertThat(echoed).startsWith("HTTP/1.1 200").contains("203.0.113.7");
            assertThat(echoed.toLowerCase()).as("removed at the first hop").doesNotContain("forecourt-trace");
            assertThat(get(admin, "/traces/" + stranger, "Authorization: Bearer " + TOKEN)).startsWith("HTTP/1.1 404");

            String holder = newTraceId();
            String withToken = exchange(port, remote, "GET / HTTP/1.1\r\nHost: echo.internal\r\ntraceparent: 00-" + holder
                    + "-00f067aa0ba902b7-01\r\nforecourt-trace: " + TOKEN + "\r\nConnection: close\r\n\r\n");
            assertThat(withToken).startsWith("HTTP/1.1 200");
            assertThat(withToken.toLowerCase()).contains("forecourt-trace").doesNotContain(TOKEN);
            assertThat(get(admin, "/traces/" + holder)).as("traces need the token").startsWith("HTTP/1.1 401");
            String story = get(admin, "/traces/" + holder, "Authorization: Bearer " + TOKEN);
            assertThat(story).startsWith("HTTP/1.1 200").contains("\"hop\":\"ingress/public\"")
                    .contains("from 203.0.113.7:").contains("\"answer\":\"upstream\"");
            assertThat(story).as("the token is a secret like any other").doesNotContain(TOKEN);
        }
    }

    @Test
    void aBehaviorThatForwardsNoViewerHeadersStillPassesTheTraceOnAndTheCacheSaysWhy() throws Exception {
        int ingress = freePort();
        String yaml = """
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress: {listen: 127.0.0.1:%1$d, accessLog: off}
                distributions:
                  cdn:
                    listen: 127.0.0.1:0
                    accessLog: off
                    origins:
                      app: {domain: echo.internal, httpPort: %1$d}
                    defaultBehavior: {origin: app, cachePolicy: CachingDisabled}
                resolve: {echo.internal: "127.0.0.1:%1$d"}
                admin: {listen: 127.0.0.1:0}
                """.formatted(ingress);
        try (Forecourt f = start(yaml)) {
            String id = newTraceId();
            assertThat(traced(f.address("distribution-cdn").getPort(), "/x", id, "on", "Host: cdn.example.org"))
                    .startsWith("HTTP/1.1 200");
            String story = get(f.address("admin").getPort(), "/traces/" + id);
            assertThat(order(story, "\"hop\":\"distribution/cdn\"", "\"hop\":\"ingress/public\"")).isTrue();
            assertThat(story).contains("cache: Miss, the cache policy CachingDisabled stores nothing")
                    .contains("origin request policy (none)");
        }
    }

    /** A PROXY v2 header (TCP over IPv4) naming {@code source}:40000 as the client. */
    static byte[] proxyV2(byte[] source, int destinationPort) {
        byte[] h = new byte[16 + 12];
        byte[] sig = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        System.arraycopy(sig, 0, h, 0, 12);
        h[12] = 0x21;
        h[13] = 0x11;
        h[15] = 12;
        System.arraycopy(source, 0, h, 16, 4);
        byte[] dst = {127, 0, 0, 1};
        System.arraycopy(dst, 0, h, 20, 4);
        h[24] = (byte) (40000 >> 8);
        h[25] = (byte) 40000;
        h[26] = (byte) (destinationPort >> 8);
        h[27] = (byte) destinationPort;
        return h;
    }

    private static boolean order(String text, String... parts) {
        int at = -1;
        for (String p : parts) {
            int i = text.indexOf(p);
            if (i <= at) return false;
            at = i;
        }
        return true;
    }
}
