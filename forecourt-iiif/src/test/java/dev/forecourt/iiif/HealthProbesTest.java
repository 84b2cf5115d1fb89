package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.ingress.IngressSection;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.http.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress's health checks of an embedded image server are not its traffic: {@code forecourt_requests_total} of
 * the app's hop counts what clients asked, not a probe every interval (a quiet service would otherwise look busy,
 * and its latency histogram would be mostly /health).
 */
class HealthProbesTest {
    private static final Pattern APP_200 = Pattern.compile(
            "forecourt_requests_total\\{[^}]*hop=\"app/iiif\"[^}]*status=\"200\"[^}]*} (\\S+)");

    @TempDir
    Path images;

    @Test
    void probesOfAnEmbeddedAppAreNotCountedAsItsRequests() throws Exception {
        ServiceConfig iiif = new ServiceConfig("iiif", List.of("iiif.internal"),
                List.of(new InstanceConfig.App("iiif", Map.of("images", images.toString(), "engine", "java"))),
                new HealthCheckConfig("http", "/health", Duration.ofMillis(50), Duration.ofSeconds(1), 1, 5), true,
                "round_robin", Duration.ofSeconds(2), Duration.ofSeconds(5));
        Config c = IngressRole.ROLE.in(Config.of(Path.of("test.yaml"), Map.of(), new AdminConfig("127.0.0.1:0"), null),
                new IngressSection(Map.of("iiif", iiif),
                        new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT)));
        try (Forecourt f = Forecourt.start(c, 1)) {
            Thread.sleep(500); // about ten probes
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + f.address("ingress").getPort() + "/health")).header("Host", "iiif.internal")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            long until = System.currentTimeMillis() + 2000; // counted once written, a moment after the client has it
            while (count(f) < 1 && System.currentTimeMillis() < until) Thread.sleep(10);
            Thread.sleep(200); // a few probes more
            assertThat(count(f)).isEqualTo(1);
        }
    }

    private static double count(Forecourt f) {
        Matcher m = APP_200.matcher(f.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
