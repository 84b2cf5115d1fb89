package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.cli.config.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code check} walks the hops: the seed's Host trap and protocol mismatches are named before any traffic. */
class HopWalkTest {
    @Test
    void theSeedsAllViewerTrapIsNamedWithItsFixAndTheWorkingBehaviorsAreNot() throws Exception {
        List<String> w = HopWalk.warnings(ConfigReader.read(ExamplesTest.EXAMPLES.resolve("seed-distribution.yaml")));
        assertThat(w).hasSize(1);
        assertThat(w.get(0)).contains("behaviors[/allviewer/*]", "Host 'images.example.org'", "404 no_route",
                "AllViewerExceptHostHeader");
    }

    @Test
    void aProtocolTheIngressDoesNotSpeakIsNamed() throws Exception {
        List<String> w = HopWalk.warnings(ConfigReader.read(Path.of("f.yaml"), """
                resolve: {app.internal: 127.0.0.1}
                services:
                  app: {domains: [app.internal], app: {echo: {}}}
                ingress: {listen: 127.0.0.1:9000}
                distributions:
                  d:
                    listen: 127.0.0.1:8443
                    origins:
                      app: {domain: app.internal, protocolPolicy: https-only, httpsPort: 9000}
                    defaultBehavior: {origin: app, originRequestPolicy: AllViewerExceptHostHeader}
                """));
        assertThat(w).singleElement().asString().contains("https-only", "plain HTTP", "upstream_tls_failure");
    }
}
