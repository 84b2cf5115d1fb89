package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.cli.walk.HopWalk;
import dev.forecourt.edge.runtime.ConfigReader;
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

    /** A distribution behind a front proxy, whose behaviors cache, forward and key differently. */
    private static String behind(String trust) {
        return """
                cachePolicies:
                  KeyedForwarding:
                    defaultTTL: 1d
                    headers: [X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port]
                distributions:
                  behind:
                    listen: 127.0.0.1:8443
                %s
                    origins:
                      app: {domain: app.internal}
                    defaultBehavior: {origin: app, cachePolicy: CachingOptimized, originRequestPolicy: AllViewerExceptHostHeader}
                    behaviors:
                      - {pathPattern: "/api/*", origin: app, cachePolicy: CachingDisabled, originRequestPolicy: AllViewer}
                      - {pathPattern: "/tiles/*", origin: app, cachePolicy: KeyedForwarding}
                      - {pathPattern: "/plain/*", origin: app, cachePolicy: CachingOptimized}
                """.formatted(trust);
    }

    @Test
    void headersFromTrustedPeersThatReachTheOriginOutsideTheCacheKeyAreNamedWithTheFix() throws Exception {
        List<String> w = HopWalk.warnings(ConfigReader.read(Path.of("f.yaml"),
                behind("    trustForwardedFrom: [10.0.0.0/8]")));
        assertThat(w).hasSize(2); // the stored-nothing /api/* and the keyed /tiles/* are fine
        assertThat(w.get(0)).startsWith("distributions.behind.behaviors[/plain/*]: X-Forwarded-Host, X-Forwarded-Proto,"
                + " X-Forwarded-Port from the peers it trusts (trustForwardedFrom: 10.0.0.0/8) reach origin 'app', but"
                + " cache policy 'CachingOptimized' does not key them")
                .contains("Fix: a cache policy with headers: [X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port]");
        assertThat(w.get(1)).startsWith("distributions.behind.defaultBehavior: X-Forwarded-Host, X-Forwarded-Proto,")
                .contains("X-Forwarded-Prefix", "X-Original-URL", "X-Rewrite-URL", "X-Host", "X-HTTP-Method-Override",
                        "cache policy 'CachingOptimized'")
                .doesNotContain("X-Forwarded-For", "Forwarded,");
    }

    @Test
    void aFirstHopWarnsOfNothingSinceItRemovesTheseHeadersFromViewers() throws Exception {
        assertThat(HopWalk.warnings(ConfigReader.read(Path.of("f.yaml"), behind("")))).isEmpty();
        assertThat(HopWalk.warnings(ConfigReader.read(Path.of("demo.yaml"), DemoCommand.demoYaml())))
                .noneMatch(s -> s.contains("cache policy"));
    }

    @Test
    void checkPrintsTheWarningWithItsFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("behind.yaml");
        java.nio.file.Files.writeString(file, behind("    trustForwardedFrom: [192.0.2.0/24]"));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine("check").execute("check", "--no-bind", file.toString())).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains(file + ":15: warning: distributions.behind.behaviors[/plain/*]: X-Forwarded-Host");
    }
}
