package dev.forecourt.edge.role.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link as an NLB TLS listener, through real sockets: it ends the client's TLS (certificate by SNI, its ALPN
 * policy, its oldest version) and relays the decrypted bytes, as plain TCP or in TLS of its own to the target; a
 * failed handshake on either side is one connection-log line in the taxonomy's words.
 */
class LinkTlsTest {
    @TempDir Path dir;

    private Forecourt start(String yaml) throws Exception {
        return Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1);
    }

    private static String link(String targets, String tls, Path log) {
        return "links:\n  nlb:\n    listen: 127.0.0.1:0\n    targets: [" + targets + "]\n    accessLog: {path: " + log
                + "}\n    tls: {" + tls + "}\n";
    }

    private static String certs(TestCerts.Pem... pems) {
        StringBuilder b = new StringBuilder("certificates: [");
        for (TestCerts.Pem p : pems) {
            b.append(b.length() > 15 ? ", " : "").append("{cert: ").append(p.cert()).append(", key: ").append(p.key()).append('}');
        }
        return b.append(']').toString();
    }

    private static SSLSocket connect(SSLContext ctx, int port, String sni, String protocol, String... alpn) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(5000);
        SSLParameters p = s.getSSLParameters();
        if (sni != null) p.setServerNames(List.of(new SNIHostName(sni)));
        if (protocol != null) p.setProtocols(new String[] {protocol});
        p.setApplicationProtocols(alpn);
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    /** The echo service behind an ingress whose private listener speaks TLS with {@code cert}. */
    private static String echoBehindTls(TestCerts.Pem cert, String moreTls, String moreIngress) {
        return """
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  privateListen: 127.0.0.1:0
                  accessLog: off
                  tls: {%s, listeners: [privateListen]%s}
                """.formatted(certs(cert), moreTls) + moreIngress;
    }

    /** GET / of echo.internal on {@code s}: the whole answer. */
    private static String get(SSLSocket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: echo.internal\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.getInputStream().transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLinkEndsTlsPicksItsCertificateBySniOffersNoAlpnAndTheTargetGetsPlainBytes() throws Exception {
        TestCerts.Pem first = TestCerts.selfSigned(dir, "nlb.example");
        TestCerts.Pem other = TestCerts.selfSigned(dir, "other.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A'); Forecourt nlb = start(link(a.address(), certs(first, other), log))) {
            SSLContext ctx = TestCerts.trusting(first.cert(), other.cert());
            try (SSLSocket s = connect(ctx, nlb.address("link-nlb").getPort(), "other.example", null, "h2", "http/1.1")) {
                X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertThat(cert.getSubjectX500Principal().getName()).contains("CN=other.example");
                assertThat(s.getApplicationProtocol()).as("ALPN policy None: nothing chosen").isEmpty();
                // the target is a plain TCP echo: it could answer only if the link gave it the decrypted bytes
                assertThat(s.getInputStream().read()).isEqualTo('A');
                s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.getInputStream().readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
            }
            assertThat(LinkTest.logged(log, "client_closed")).containsPattern("link/nlb 127\\.0\\.0\\.1:\\d+ "
                    + a.address().replace(".", "\\.") + " 5 6 [\\d.]+ client_closed");
        }
    }

    @Test
    void aClientThatEndsItsWayWithACloseNotifyEndsTheConnectionCleanly() throws Exception {
        // its close_notify is its FIN, passed on; Netty's OpenSSL engine, having received one, sends no more to it, so
        // the echo's answer is dropped (not failed on): both sides close, one record, no error
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A'); Forecourt nlb = start(link(a.address(), certs(cert), log))) {
            SSLContext ctx = TestCerts.trusting(cert.cert());
            try (SSLSocket s = connect(ctx, nlb.address("link-nlb").getPort(), "nlb.example", "TLSv1.3")) {
                assertThat(s.getInputStream().read()).isEqualTo('A');
                s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput(); // close_notify, then FIN: the echo target ends, its FIN comes back
                // until the link's close (the JDK's socket may take it for a reset after its own close_notify)
                closedNotHung(() -> s.getInputStream().readAllBytes());
            }
            assertThat(LinkTest.logged(log, "client_closed")).containsPattern(" 5 [0-9]+ [\\d.]+ client_closed");
        }
    }

    @Test
    void whatATargetSendsAfterTheClientsCloseNotifyIsDroppedAndSaidSo() throws Exception {
        // TLS takes nothing after a close_notify, where a TCP half-close would have carried the answer: the record
        // names what was read and not passed on, in the log and the metrics, instead of leaving it out
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (java.net.ServerSocket target = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofPlatform().start(() -> {
                while (!target.isClosed()) {
                    try (java.net.Socket c = target.accept()) { // the link's health checks connect too, and send nothing
                        if (c.getInputStream().readNBytes(5).length < 5) continue;
                        c.getInputStream().readAllBytes(); // the client's end, passed on after its close_notify
                        c.getOutputStream().write("late!".getBytes(StandardCharsets.US_ASCII));
                        return;
                    } catch (Exception ignored) {
                        // the test's assertions say what went wrong
                    }
                }
            });
            String yaml = link("127.0.0.1:" + target.getLocalPort(), certs(cert), log)
                    .replace("accessLog: {path: " + log + "}", "accessLog: {path: " + log
                            + ", format: \"$bytes_in $bytes_out $dropped_in $dropped_out $reason\"}");
            try (Forecourt nlb = start(yaml)) {
                try (SSLSocket s = connect(TestCerts.trusting(cert.cert()), nlb.address("link-nlb").getPort(),
                        "nlb.example", "TLSv1.3")) {
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput(); // close_notify, then FIN
                    closedNotHung(() -> s.getInputStream().readAllBytes());
                }
                answering.join(5000);
                assertThat(LinkTest.logged(log, "closed")).contains("5 0 0 5 client_closed");
                assertThat(nlb.metrics().scrape())
                        .contains("forecourt_link_dropped_bytes_total{direction=\"out\",link=\"nlb\"} 5.0");
            }
        }
    }

    @Test
    void aTlsTargetGroupGetsTheClientsServerNameAndTheAlpnPolicyChooses() throws Exception {
        TestCerts.Pem nlbCert = TestCerts.selfSigned(dir, "nlb.example");
        TestCerts.Pem ingressCert = TestCerts.selfSigned(dir, "echo.internal");
        try (Forecourt ingress = start(echoBehindTls(ingressCert, ", requireSni: true", ""));
             Forecourt nlb = start(link("127.0.0.1:" + ingress.address("ingress-private").getPort(),
                     certs(nlbCert) + ", targetProtocol: tls, alpnPolicy: HTTP1Only", dir.resolve("link.log")))) {
            SSLContext ctx = TestCerts.trusting(nlbCert.cert());
            try (SSLSocket s = connect(ctx, nlb.address("link-nlb").getPort(), "echo.internal", null, "h2", "http/1.1")) {
                assertThat(s.getApplicationProtocol()).isEqualTo("http/1.1");
                // the ingress requires SNI: a 200 says the link's own handshake carried the client's server name
                assertThat(get(s)).startsWith("HTTP/1.1 200 ").contains("\"x-forwarded-proto\":\"https\"");
            }
        }
    }

    @Test
    void aProxyHeaderGoesToATlsTargetBeforeTheHandshake() throws Exception {
        // the ingress reads a PROXY header before its TLS (as NLB sends it): the link had sent it inside its TLS
        TestCerts.Pem nlbCert = TestCerts.selfSigned(dir, "nlb.example");
        TestCerts.Pem ingressCert = TestCerts.selfSigned(dir, "echo.internal");
        try (Forecourt ingress = start(echoBehindTls(ingressCert, "", "  proxyProtocol: [privateListen]\n"));
             Forecourt nlb = start(link("127.0.0.1:" + ingress.address("ingress-private").getPort(),
                     certs(nlbCert) + ", targetProtocol: tls", dir.resolve("link.log")) + "    proxyProtocol: v2\n")) {
            SSLContext ctx = TestCerts.trusting(nlbCert.cert());
            try (SSLSocket s = connect(ctx, nlb.address("link-nlb").getPort(), "echo.internal", null)) {
                assertThat(get(s)).startsWith("HTTP/1.1 200 ").contains("\"x-forwarded-proto\":\"https\"");
            }
        }
    }

    @Test
    void aClientBelowTheMinimumVersionIsRefusedWithoutAskingATarget() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A');
             Forecourt nlb = start(link(a.address(), certs(cert) + ", minimumProtocol: TLSv1.3", log))) {
            SSLContext ctx = TestCerts.trusting(cert.cert());
            assertThatThrownBy(() -> connect(ctx, nlb.address("link-nlb").getPort(), "nlb.example", "TLSv1.2").close())
                    .isInstanceOf(IOException.class);
            // "-": no target was chosen for it (the target's own connections are the health checks')
            assertThat(LinkTest.logged(log, "client_tls_failure")).containsPattern("link/nlb 127\\.0\\.0\\.1:\\d+ - 0 0 [\\d.]+"
                    + " client_tls_failure");
            assertThat(nlb.metrics().scrape()).contains(
                    "forecourt_link_connections_total{link=\"nlb\",reason=\"client_tls_failure\"} 1.0");
        }
    }

    @Test
    void aConnectionThatEndsBeforeItsClientHelloIsWholeIsStillOneRecord() throws Exception {
        // the name is chosen from a whole hello, so no TLS handler yet, and no handshake event: it went unrecorded
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A'); Forecourt nlb = start(link(a.address(), certs(cert), log))) {
            int port = nlb.address("link-nlb").getPort();
            try (java.net.Socket half = new java.net.Socket("127.0.0.1", port)) {
                half.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 'a', 'b'}); // 5 bytes promised, 2 sent
                half.shutdownOutput();
                half.setSoTimeout(5000);
                assertThat(half.getInputStream().read()).isEqualTo(-1);
            }
            new java.net.Socket("127.0.0.1", port).close(); // nothing at all: a TCP health check
            String lines = LinkTest.logged(log, "client_closed");
            assertThat(lines).containsPattern("link/nlb 127\\.0\\.0\\.1:\\d+ - 0 0 [\\d.]+ client_tls_failure")
                    .containsPattern("link/nlb 127\\.0\\.0\\.1:\\d+ - 0 0 [\\d.]+ client_closed");
            assertThat(nlb.metrics().scrape())
                    .contains("forecourt_link_connections_total{link=\"nlb\",reason=\"client_tls_failure\"} 1.0")
                    .contains("forecourt_link_connections_total{link=\"nlb\",reason=\"client_closed\"} 1.0");
        }
    }

    @Test
    void aConnectionOverTheLimitIsOneRecord() throws Exception {
        // the limit closes it before the handshake's handler sees it active: that one must not record it again
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A');
             Forecourt nlb = start(link(a.address(), certs(cert), log) + "    maxConnections: 1\n")) {
            int port = nlb.address("link-nlb").getPort();
            try (SSLSocket first = connect(TestCerts.trusting(cert.cert()), port, "nlb.example", null)) {
                assertThat(first.getInputStream().read()).isEqualTo('A');
                try (java.net.Socket over = new java.net.Socket("127.0.0.1", port)) {
                    over.setSoTimeout(5000);
                    closedNotHung(() -> assertThat(over.getInputStream().read()).isEqualTo(-1)); // or refused by a reset
                }
                LinkTest.logged(log, "connection_limit");
                Thread.sleep(200); // a second record, were there one, comes as the connection closes
                assertThat(nlb.metrics().scrape())
                        .contains("forecourt_link_connections_total{link=\"nlb\",reason=\"connection_limit\"} 1.0")
                        .doesNotContain("reason=\"client_closed\"");
            }
        }
    }

    @Test
    void aTlsTargetGroupWhoseTargetSpeaksPlainTcpEndsTheConnectionAsATargetTlsFailure() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "nlb.example");
        Path log = dir.resolve("link.log");
        try (TcpTargets a = new TcpTargets('A');
             Forecourt nlb = start(link(a.address(), certs(cert) + ", targetProtocol: tls", log))) {
            SSLContext ctx = TestCerts.trusting(cert.cert());
            try (SSLSocket s = connect(ctx, nlb.address("link-nlb").getPort(), "nlb.example", null)) {
                s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                closedNotHung(() -> assertThat(s.getInputStream().read()).isEqualTo(-1)); // or reset, as for a failed target
            }
            assertThat(LinkTest.logged(log, "target_tls_failure")).contains(a.address()).contains("target_tls_failure");
        }
    }

    @Test
    void theTlsBlockIsReadStrictly() {
        assertThatThrownBy(() -> ConfigReader.read(dir.resolve("forecourt.yaml"), link("127.0.0.1:1",
                "certificates: [], alpnPolicy: HTTP3, targetProtocol: udp", dir.resolve("l.log"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("links.nlb.tls.alpnPolicy")
                .hasMessageContaining("links.nlb.tls.targetProtocol");
    }

    interface Read {
        void run() throws IOException;
    }

    /** Runs a read that ends at the connection's close, or fails with a reset: either is fine; its timeout is not. */
    private static void closedNotHung(Read read) {
        try {
            read.run();
        } catch (java.net.SocketTimeoutException hung) {
            throw new AssertionError("the link held the connection past the socket's read timeout", hung);
        } catch (IOException reset) {
            // closed by a reset: ended all the same
        }
    }
}
