package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.function.EdgeFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function that sets Host decides the Host the origin gets, whatever the origin request policy forwards: that is
 * the point of allowing it (the cloud keeps Host read-only, and people reach for a function to route a Host-routed
 * platform). Without such a function, the policies decide as before.
 */
class FunctionHostTest {

    @Test
    void theHostAFunctionSetsIsTheHostTheOriginGets() throws Exception {
        EdgeFunction tenant = new EdgeFunction("tenant", null, Map.of("Host", "tenant-$host"), null, null, null, null, null);
        List<BehaviorConfig> behaviors = List.of(
                new BehaviorConfig("/viewer/*", "origin", null, null, null, cachePolicy("CachingDisabled"),
                        orp("AllViewerExceptHostHeader"), null, Map.of(EdgeFunction.Event.VIEWER_REQUEST, tenant)),
                new BehaviorConfig("/origin/*", "origin", null, null, null, cachePolicy("CachingDisabled"), null, null,
                        Map.of(EdgeFunction.Event.ORIGIN_REQUEST, tenant)));
        BehaviorConfig plain = new BehaviorConfig(null, "origin", null, null, null, cachePolicy("CachingDisabled"),
                orp("AllViewerExceptHostHeader"), null, null);
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/viewer/a", s -> ok(s.header("Host")));
            origin.on("/origin/a", s -> ok(s.header("Host")));
            origin.on("/plain", s -> ok(s.header("Host")));
            OriginConfig o = new OriginConfig("origin", "app.internal", origin.port(), 443, "http-only", null, null,
                    null, null, null, null, null);
            try (Forecourt f = Forecourt.start(config(distribution(o, plain, behaviors, List.of(), CacheConfig.DEFAULT),
                    Map.of("app.internal", "127.0.0.1")), 1)) {
                int port = f.address("distribution-edge").getPort();
                assertThat(send(port, "GET", "/viewer/a", "Host", "images.example.org").body())
                        .isEqualTo("tenant-images.example.org");
                assertThat(send(port, "GET", "/origin/a", "Host", "images.example.org").body())
                        .isEqualTo("tenant-images.example.org");
                assertThat(send(port, "GET", "/plain", "Host", "images.example.org").body()).isEqualTo("app.internal");
            }
        }
    }
}
