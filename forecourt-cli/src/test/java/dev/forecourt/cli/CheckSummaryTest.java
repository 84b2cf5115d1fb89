package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** check's OK line names every part of a valid file: APIs, custom domains, links and the cluster were left out of it. */
class CheckSummaryTest {
    @Test
    void theSeedApiExampleIsSummedUpWithItsApiAndItsLink() throws Exception {
        assertThat(CheckSummary.of(ConfigReader.read(ExamplesTest.EXAMPLES.resolve("seed-api.yaml"))))
                .isEqualTo("1 service, ingress, apis public, links nlb");
    }

    @Test
    void everyPartIsNamedAndAnAdminWithoutListenSaysItStartsNone() throws Exception {
        String yaml = """
                services:
                  web: {domains: [web.internal], instances: ["127.0.0.1:9"]}
                ingress: {listen: "127.0.0.1:0"}
                distributions:
                  images:
                    listen: "127.0.0.1:0"
                    origins: {app: {domain: web.internal}}
                    defaultBehavior: {origin: app}
                apis:
                  shop:
                    listen: "127.0.0.1:0"
                    routes: [{route: "ANY /{proxy+}", integration: {uri: "http://127.0.0.1:9"}}]
                domainNames:
                  api.example.org: {listen: "127.0.0.1:0", apiMappings: {"": shop}}
                links:
                  nlb: {listen: "127.0.0.1:0", targets: ["127.0.0.1:9"]}
                cluster: {redis: "redis://127.0.0.1:6379"}
                admin: {token: 0123456789abcdef0123}
                """;
        assertThat(CheckSummary.of(ConfigReader.read(Path.of("f.yaml"), yaml))).isEqualTo("1 service, ingress,"
                + " distributions images, apis shop, domainNames api.example.org, links nlb,"
                + " admin (no listen: no admin listener), cluster");
    }
}
