package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that says nothing (or half a preface, or an HTTP/2 preface and no stream) is closed by every
 * listener, cleartext and TLS, admin included: else ten thousand of them would lock everyone out.
 */
class SilentConnectionsTest {
    @TempDir
    static Path dir;

    /** The HTTP/2 connection preface, then an empty SETTINGS frame. */
    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    private static final byte[] SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    @Test
    void silentConnectionsAreClosedOnEveryListener() throws Exception {
        Limits limits = new Limits(4096, 1024, Duration.ofMillis(300), Duration.ofMillis(800), Duration.ofSeconds(30), 100, 100);
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "localhost");
        TlsConfig tls = new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2");
        Config c = Configs.of(Path.of("t.yaml"), Map.of(), Map.of("app", Fixture.echo("app", List.of("app.internal"), true)),
                new IngressConfig("127.0.0.1:0", "127.0.0.1:0", null, null, AccessLogConfig.OFF, limits),
                new AdminConfig("127.0.0.1:0"));
        Config tlsConfig = Configs.of(Path.of("t.yaml"), Map.of(), Map.of("app", Fixture.echo("app", List.of("app.internal"), true)),
                new IngressConfig("127.0.0.1:0", null, tls, null, AccessLogConfig.OFF, limits), null);
        try (Forecourt f = Forecourt.start(c, 1); Forecourt t = Forecourt.start(tlsConfig, 1)) {
            Map<String, Socket> silent = new LinkedHashMap<>();
            silent.put("nothing", open(f.address("ingress"), ""));
            silent.put("half a preface", open(f.address("ingress"), "PRI * HTTP/2.0\r\n"));
            silent.put("a preface, no frame", open(f.address("ingress"), PREFACE));
            Socket settings = open(f.address("ingress"), PREFACE);
            settings.getOutputStream().write(SETTINGS);
            silent.put("a preface and SETTINGS, no stream", settings);
            silent.put("TLS: no ClientHello", open(t.address("ingress"), ""));
            silent.put("admin: nothing", open(f.address("admin"), ""));
            for (Map.Entry<String, Socket> e : silent.entrySet()) {
                // the admin listener keeps the default headerTimeout (10 s): wait for it
                assertThat(closedWithin(e.getValue(), 15_000)).as(e.getKey()).isTrue();
            }
        }
    }

    private static Socket open(InetSocketAddress a, String first) throws IOException {
        Socket s = new Socket();
        s.connect(a, 2000);
        if (!first.isEmpty()) {
            s.getOutputStream().write(first.getBytes(StandardCharsets.ISO_8859_1));
        }
        return s;
    }

    /** True if the peer closed the connection (whatever it sent first, such as a GOAWAY) within the time. */
    private static boolean closedWithin(Socket s, long millis) throws IOException {
        long until = System.currentTimeMillis() + millis;
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (System.currentTimeMillis() < until) {
                s.setSoTimeout((int) Math.max(1, until - System.currentTimeMillis()));
                try {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return true; // reset
                }
            }
            return false;
        }
    }
}
