package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.route.PathPattern;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Function templates take {@code ${uri}} as the access log takes {@code ${field}}, and fill in one pass. */
class FunctionTemplateTest {
    @Test
    void bracedNamesAreFilledAndAViewersPathIsNeverFilledAgain() throws Exception {
        try (TestOrigin o = new TestOrigin()) {
            o.on("/v2/a_v2", ok("rewritten"));
            o.on("/v2/b$host_v2", ok("literal"));
            EdgeFunction rewrite = new EdgeFunction("v2", null, Map.of("X-Was", "${uri}?${query}"), null,
                    "/v2${uri}_v2", null, null, null);
            EdgeFunction moved = new EdgeFunction("moved", new PathPattern("/old/*"), null, null, null, null,
                    new EdgeFunction.Redirect(301, "https://${host}/new${uri}"), null);
            BehaviorConfig dflt = new BehaviorConfig(null, "origin", null, null, null, cachePolicy("CachingDisabled"),
                    Distributions.orp("AllViewer"), null, Map.of(EdgeFunction.Event.ORIGIN_REQUEST, rewrite, EdgeFunction.Event.VIEWER_REQUEST, moved));
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", o.port()), dflt, List.of(),
                    List.of(), CacheConfig.DEFAULT)), 1)) {
                int port = f.address("distribution-edge").getPort();
                HttpResponse<String> a = send(port, "GET", "/a?x=1");
                assertThat(a.statusCode()).isEqualTo(200);
                assertThat(a.body()).isEqualTo("rewritten");
                assertThat(o.seen.getFirst().header("X-Was")).isEqualTo("/a?x=1");
                HttpResponse<String> b = send(port, "GET", "/b$host");
                assertThat(b.body()).isEqualTo("literal");
                HttpResponse<String> old = send(port, "GET", "/old/x");
                assertThat(old.headers().firstValue("location").orElseThrow()).matches("https://127\\.0\\.0\\.1(:\\d+)?/new/old/x");
            }
        }
    }
}
