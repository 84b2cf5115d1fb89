package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.Origins;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distribution on a cleartext and a TLS address: redirect-to-https sends viewers to the TLS one, port included. */
class TlsListenTest {
    @TempDir
    static Path dir;

    @Test
    void redirectToHttpsSendsViewersToTheTlsListener() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "localhost");
        int tlsPort = Origins.freePort();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/x", ok("over tls"));
            BehaviorConfig redirect = new BehaviorConfig(null, "origin", null, null, "redirect-to-https",
                    cachePolicy("CachingDisabled"), orp("AllViewerExceptHostHeader"), null, null);
            DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(),
                    new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2"),
                    Map.of("origin", origin("127.0.0.1", origin.port())), List.of(), redirect, CacheConfig.DEFAULT,
                    AccessLogConfig.OFF, Limits.DEFAULT, List.of(), List.of(), "127.0.0.1:" + tlsPort);
            try (Forecourt f = Forecourt.start(config(d), 1)) {
                int plain = f.address("distribution-edge").getPort();
                HttpResponse<String> r = Distributions.send(plain, "GET", "/x");
                assertThat(r.statusCode()).isEqualTo(301);
                assertThat(r.headers().firstValue("location")).hasValue("https://127.0.0.1:" + tlsPort + "/x");
                HttpClient tls = HttpClient.newBuilder().sslContext(TestCerts.trusting(cert.cert())).build();
                HttpResponse<String> s = tls.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort + "/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(s.statusCode()).isEqualTo(200);
                assertThat(s.body()).isEqualTo("over tls");
            }
        }
    }
}
