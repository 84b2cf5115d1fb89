package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The platform's private endpoint as App Runner runs it: TLS on the private listener only ({@code tls.listeners}),
 * the public one cleartext; and {@code tls.requireSni}: a handshake without a server name is refused with a fatal
 * {@code unrecognized_name} alert (the seed's integration without {@code serverNameToVerify}).
 */
class IngressPrivateTlsTest {
    @TempDir Path dir;

    private String yaml(TestCerts.Pem pem, String tlsExtra) {
        return """
                services:
                  iiif: {domains: [iiif.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                  privateListen: 127.0.0.1:0
                  accessLog: off
                  tls: {certificates: [{cert: %s, key: %s}]%s}
                """.formatted(pem.cert(), pem.key(), tlsExtra);
    }

    @Test
    void thePrivateListenerRefusesAHandshakeWithoutSniAndServesOneWithIt() throws Exception {
        TestCerts.Pem pem = TestCerts.selfSigned(dir, "iiif.internal");
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("f.yaml"),
                yaml(pem, ", listeners: [privateListen], requireSni: true")), 1)) {
            int priv = f.address("ingress-private").getPort();
            assertThat(get(pem, priv, "iiif.internal")).startsWith("HTTP/1.1 200 ").contains("\"host\":\"iiif.internal\"");
            // An address, as the seed's integration connects, carries no server name: refused, and said why, in one
            // log line (as bin/forecourt logs: ConnectionErrors at INFO)
            Logger errors = (Logger) LoggerFactory.getLogger("dev.forecourt.http.ConnectionErrors");
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            errors.addAppender(logged);
            errors.setLevel(Level.INFO);
            try {
                assertThatThrownBy(() -> get(pem, priv, null)).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("unrecognized_name");
                // bytes that are no TLS at all reach the same question (Netty asks for a name of null): not called SNI
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), priv)) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
                    s.getInputStream().readAllBytes(); // closed by the server
                }
                Thread.sleep(200); // the line is written on the event loop, maybe after the client saw the alert
            } finally {
                errors.detachAppender(logged);
                errors.setLevel(null);
            }
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2).satisfiesExactly(
                    sni -> assertThat(sni).startsWith("ingress-private: TLS handshake failed from 127.0.0.1:")
                            .endsWith(": no server name (SNI) in the ClientHello, which this listener requires: refused"
                                    + " with unrecognized_name"),
                    garbage -> assertThat(garbage).startsWith("ingress-private: TLS handshake failed from 127.0.0.1:")
                            .endsWith(": no ClientHello: the first byte is 0x01, where a ClientHello's record starts"
                                    + " with 0x16"));
            // The public listener is not among tls.listeners: it speaks cleartext HTTP.
            assertThat(plainGet(f.address("ingress").getPort())).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void withoutRequireSniAHandshakeWithoutSniGetsTheFirstCertificateOnBothListeners() throws Exception {
        TestCerts.Pem pem = TestCerts.selfSigned(dir, "iiif.internal");
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("f.yaml"), yaml(pem, "")), 1)) {
            assertThat(get(pem, f.address("ingress-private").getPort(), null)).startsWith("HTTP/1.1 200 ");
            assertThat(get(pem, f.address("ingress").getPort(), null)).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void theReaderNamesAListenerThatIsNoneAndARequireSniThatIsNoBoolean() throws Exception {
        TestCerts.Pem pem = TestCerts.selfSigned(dir, "iiif.internal");
        assertThat(problems(yaml(pem, ", listeners: [public]"))).containsExactly("f.yaml:7: ingress.tls.listeners: 'public'"
                + " is not a listener of the ingress; write the ones that speak TLS, or leave 'listeners' out (both):"
                + " [listen], [privateListen]");
        assertThat(problems(yaml(pem, ", requireSni: yes"))).containsExactly("f.yaml:7: ingress.tls.requireSni: 'yes' is"
                + " not allowed; allowed: true, false");
        assertThat(problems(yaml(pem, "").replace("  privateListen: 127.0.0.1:0\n", "")
                .replace("]}\n", "], listeners: [privateListen]}\n"))).containsExactly("f.yaml:6: ingress.tls.listeners:"
                + " 'privateListen' is not set in this file: no listener would speak TLS there");
    }

    private static List<String> problems(String yaml) {
        try {
            ConfigReader.read(Path.of("f.yaml"), yaml);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /**
     * One GET over TLS to 127.0.0.1:{@code port}, with {@code sni} as the server name (null: none), Host iiif.internal.
     * A context of its own each time: the JDK resumes a cached session with the server name it first sent.
     */
    private static String get(TestCerts.Pem trusted, int port, String sni) throws Exception {
        SSLContext trust = TestCerts.trusting(trusted.cert());
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            s.setSSLParameters(p);
            s.startHandshake();
            return exchange(s);
        }
    }

    private static String plainGet(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            return exchange(s);
        }
    }

    private static String exchange(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET /x HTTP/1.1\r\nHost: iiif.internal\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
