package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS termination on the ingress: the certificate chosen by SNI, HTTP/2 by ALPN, the minimum protocol. */
class TlsIngressTest {
    @TempDir static Path dir;
    static Forecourt f;
    static TestCerts.Pem localhost;
    static TestCerts.Pem other;

    @BeforeAll
    static void start() throws Exception {
        localhost = TestCerts.selfSigned(dir, "localhost");
        other = TestCerts.selfSigned(dir, "other.test");
        var tls = new TlsConfig(List.of(new ServerTls.Certificate(localhost.cert(), localhost.key()),
                new ServerTls.Certificate(other.cert(), other.key())), "TLSv1.3");
        Config c = Configs.of(Path.of("t.yaml"), Map.of(), Map.of("iiif", Fixture.echo("iiif", List.of("localhost", "other.test"), true)),
                new IngressConfig("127.0.0.1:0", null, tls, null, AccessLogConfig.OFF, Limits.DEFAULT), null);
        f = Forecourt.start(c, 1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static SSLContext trusting(Path... pems) throws Exception {
        return TestCerts.trusting(pems);
    }

    @Test
    void servesHttp2OverTlsByAlpn() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(localhost.cert())).version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + f.address("ingress").getPort() + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"x-forwarded-proto\":\"https\"", "\"host\":\"localhost:");
        assertThat(r.headers().firstValue("via")).hasValue("2 ingress-public (forecourt)");
    }

    @Test
    void choosesTheCertificateBySni() throws Exception {
        SSLContext ctx = trusting(localhost.cert(), other.cert());
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", f.address("ingress").getPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName("other.test")));
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=other.test");
        }
    }

    @Test
    void refusesProtocolsBelowTheMinimum() throws Exception {
        SSLContext ctx = trusting(localhost.cert());
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", f.address("ingress").getPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            org.assertj.core.api.Assertions.assertThatThrownBy(s::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }
}
