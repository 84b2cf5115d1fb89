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
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.http.Limits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's story: a distribution in front of the Host-routed ingress. With {@code AllViewer} the viewer's Host
 * reaches the ingress, which knows no such domain: {@code 404 no_route}, and {@code forecourt-hop} names the
 * ingress. With {@code AllViewerExceptHostHeader} the origin's domain is the Host, and the service answers.
 */
class SeedScenarioTest {
    static Forecourt f;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        int ingressPort = Origins.freePort();
        ServiceConfig iiif = new ServiceConfig("iiif", List.of("iiif.internal"),
                List.of(new InstanceConfig.App("echo", Map.of())), HealthCheckConfig.DEFAULT, true, "round_robin",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        IngressConfig ingress = new IngressConfig("127.0.0.1:" + ingressPort, null, null, "envoy", AccessLogConfig.OFF,
                Limits.DEFAULT);
        OriginConfig app = new OriginConfig("app", "iiif.internal", ingressPort, 443, "http-only", null, null, null,
                null, null, Map.of(), "");
        BehaviorConfig allViewer = new BehaviorConfig("/all/*", "app", null, null, null, cachePolicy("CachingDisabled"),
                orp("AllViewer"), null, null);
        BehaviorConfig exceptHost = new BehaviorConfig(null, "app", null, null, null, cachePolicy("CachingOptimized"),
                orp("AllViewerExceptHostHeader"), null, null);
        DistributionConfig images = new DistributionConfig("images", "127.0.0.1:0", List.of("images.example.org"), null,
                Map.of("app", app), List.of(allViewer), exceptHost, CacheConfig.DEFAULT, AccessLogConfig.OFF, Limits.DEFAULT);
        f = Forecourt.start(Configs.of(Path.of("seed.yaml"), Map.of("iiif.internal", "127.0.0.1:" + ingressPort),
                Map.of("iiif", iiif), ingress, null, Map.of("images", images)), 2);
        port = f.address("distribution-images").getPort();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void allViewerForwardsTheViewersHostAndTheIngressAnswersNoRoute() throws Exception {
        HttpResponse<String> r = Distributions.send(port, "GET", "/all/iiif/3/a/info.json", "Host", "images.example.org");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("forecourt-error")).hasValue("no_route");
        assertThat(r.headers().firstValue("forecourt-hop")).hasValue("ingress/public");
        assertThat(r.headers().firstValue("server")).hasValue("envoy");
        assertThat(r.body()).contains("Host 'images.example.org'", "iiif.internal");
        assertThat(r.headers().allValues("via").toString()).contains("ingress-public", "distribution-images");
    }

    @Test
    void allViewerExceptHostHeaderSendsTheOriginDomainAndTheServiceAnswers() throws Exception {
        HttpResponse<String> r = Distributions.send(port, "GET", "/iiif/3/a/info.json", "Host", "images.example.org");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"host\":\"iiif.internal\"", "\"x-forwarded-host\":\"images.example.org\"");
        assertThat(r.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
    }

    @Test
    void aViewersForwardedHostStopsAtTheDistributionAndTheIngressKeepsTheDistributions() throws Exception {
        // the README's tour: the app's public ids follow X-Forwarded-Host, which must be the distribution's account
        HttpResponse<String> r = Distributions.send(port, "GET", "/iiif/3/trust/info.json", "Host", "images.example.org",
                "X-Forwarded-Host", "evil.example", "X-Forwarded-For", "203.0.113.9", "X-Original-URL", "/admin");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"x-forwarded-host\":\"images.example.org\"",
                        "\"x-forwarded-for\":\"127.0.0.1, 127.0.0.1\"") // the viewer, then the distribution (trusted)
                .doesNotContain("evil.example", "203.0.113.9", "/admin");
    }

    @Test
    void aHostThatIsNoAliasIsNoRouteAtTheDistribution() throws Exception {
        HttpResponse<String> r = Distributions.send(port, "GET", "/x", "Host", "elsewhere.example.org");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("forecourt-hop")).hasValue("distribution/images");
        assertThat(r.body()).contains("images.example.org");
    }
}
