package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Configs;

import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code admin.token}, an invalidation without {@code Authorization: Bearer TOKEN} is 401; metrics stay open. */
class AdminTokenTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @Test
    void invalidationsNeedTheTokenAndSayNothingElseWithoutIt() throws Exception {
        try (TestOrigin o = new TestOrigin()) {
            DistributionConfig d = distribution(origin("127.0.0.1", o.port()), rfc(), List.of(), List.of(),
                    CacheConfig.DEFAULT);
            Config c = Configs.of(Path.of("test.yaml"), Map.of(), Map.of(), null, new AdminConfig("127.0.0.1:0", TOKEN),
                    Map.of(d.name(), d));
            try (Forecourt f = Forecourt.start(c, 1)) {
                int admin = f.address("admin").getPort();
                HttpResponse<String> none = post(admin, "/distributions/nope/invalidations", null);
                assertThat(none.statusCode()).isEqualTo(401);
                assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
                assertThat(none.headers().firstValue("forecourt-error")).hasValue("unauthorized");
                assertThat(none.body()).doesNotContain("edge");
                assertThat(post(admin, "/distributions/edge/invalidations", "Bearer wrong-token-wrong-token").statusCode())
                        .isEqualTo(401);
                HttpResponse<String> ok = post(admin, "/distributions/edge/invalidations", "Bearer " + TOKEN);
                assertThat(ok.statusCode()).isEqualTo(201);
                assertThat(Distributions.send(admin, "GET", "/metrics").statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> post(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("/img/*\n"));
        if (authorization != null) b.header("Authorization", authorization);
        return Distributions.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
