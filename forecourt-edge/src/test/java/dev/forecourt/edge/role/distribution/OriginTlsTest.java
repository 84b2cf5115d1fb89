package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Configs;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.Origins;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution to a TLS origin (the ingress with its certificate): SNI is the origin's domain and the certificate
 * is verified against the origin's CA file; a domain the certificate does not cover is {@code upstream_tls_failure}.
 */
class OriginTlsTest {
    @TempDir
    Path dir;

    @Test
    void sniIsTheOriginDomainAndACertificateForAnotherNameIsATlsFailure() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "iiif.internal");
        int ingressPort = Origins.freePort();
        ServiceConfig iiif = new ServiceConfig("iiif", List.of("iiif.internal", "other.internal"),
                List.of(new InstanceConfig.App("echo", Map.of())), HealthCheckConfig.DEFAULT, true, "round_robin",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        IngressConfig ingress = new IngressConfig("127.0.0.1:" + ingressPort, null,
                new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2"), null,
                AccessLogConfig.OFF, Limits.DEFAULT);
        OriginConfig good = new OriginConfig("good", "iiif.internal", 80, ingressPort, "https-only", null, cert.cert(),
                null, null, null, Map.of(), "");
        OriginConfig other = new OriginConfig("other", "other.internal", 80, ingressPort, "https-only", null,
                cert.cert(), null, null, null, Map.of(), "");
        BehaviorConfig toOther = new BehaviorConfig("/other/*", "other", null, null, null, cachePolicy("CachingDisabled"),
                orp("AllViewerExceptHostHeader"), null, null);
        BehaviorConfig dflt = new BehaviorConfig(null, "good", null, null, null, cachePolicy("CachingDisabled"),
                orp("AllViewerExceptHostHeader"), null, null);
        DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null,
                Map.of("good", good, "other", other), List.of(toOther), dflt, CacheConfig.DEFAULT, AccessLogConfig.OFF,
                Limits.DEFAULT);
        Config c = Configs.of(Path.of("t.yaml"), Map.of("iiif.internal", "127.0.0.1", "other.internal", "127.0.0.1"),
                Map.of("iiif", iiif), ingress, null, Map.of("edge", d));
        try (Forecourt f = Forecourt.start(c, 1)) {
            int port = f.address("distribution-edge").getPort();
            HttpResponse<String> ok = Distributions.send(port, "GET", "/a", "Host", "d.example.org");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"host\":\"iiif.internal\"", "\"protocol\":\"HTTP/1.1\"");
            HttpResponse<String> bad = Distributions.send(port, "GET", "/other/a", "Host", "d.example.org");
            assertThat(bad.statusCode()).isEqualTo(502);
            assertThat(bad.headers().firstValue("forecourt-error")).hasValue("upstream_tls_failure");
            assertThat(bad.headers().firstValue("forecourt-hop")).hasValue("distribution/edge");
            assertThat(bad.body()).contains("other.internal");
        }
    }

    /**
     * sslProtocols [TLSv1, TLSv1.1] reads (the cloud accepts it) and the process starts; a Forecourt listener speaks
     * TLSv1.2 at the oldest, so each request fails at the handshake: 502 upstream_tls_failure, saying why.
     */
    @Test
    void anOriginOfferingOnlyTlsV1AndV11StartsAndEachRequestIsATlsFailure() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "iiif.internal");
        int ingressPort = Origins.freePort();
        ServiceConfig iiif = new ServiceConfig("iiif", List.of("iiif.internal"),
                List.of(new InstanceConfig.App("echo", Map.of())), HealthCheckConfig.DEFAULT, true, "round_robin",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        IngressConfig ingress = new IngressConfig("127.0.0.1:" + ingressPort, null,
                new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2"), null,
                AccessLogConfig.OFF, Limits.DEFAULT);
        OriginConfig old = new OriginConfig("old", "iiif.internal", 80, ingressPort, "https-only",
                List.of("TLSv1", "TLSv1.1"), cert.cert(), null, null, null, Map.of(), "");
        BehaviorConfig dflt = new BehaviorConfig(null, "old", null, null, null, cachePolicy("CachingDisabled"),
                orp("AllViewerExceptHostHeader"), null, null);
        DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null, Map.of("old", old),
                List.of(), dflt, CacheConfig.DEFAULT, AccessLogConfig.OFF, Limits.DEFAULT);
        Config c = Configs.of(Path.of("t.yaml"), Map.of("iiif.internal", "127.0.0.1"), Map.of("iiif", iiif), ingress,
                null, Map.of("edge", d));
        try (Forecourt f = Forecourt.start(c, 1)) {
            int port = f.address("distribution-edge").getPort();
            for (int i = 0; i < 2; i++) { // the pool keeps no broken connection: the second fails alike
                HttpResponse<String> r = Distributions.send(port, "GET", "/a", "Host", "d.example.org");
                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_tls_failure");
                assertThat(r.headers().firstValue("forecourt-hop")).hasValue("distribution/edge");
                assertThat(r.body()).contains("accepts none of the TLS versions offered (TLSv1, TLSv1.1)",
                        "offer a TLS version the upstream accepts");
            }
        }
    }
}
