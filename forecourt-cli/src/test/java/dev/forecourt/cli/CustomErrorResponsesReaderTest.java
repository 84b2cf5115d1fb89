package dev.forecourt.cli;

import dev.forecourt.edge.role.distribution.DistributionRole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.CustomErrorResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A distribution's customErrorResponses are read with the cloud's names; mistakes name file:line. */
class CustomErrorResponsesReaderTest {
    private static final String HEAD = """
            distributions:
              web:
                listen: 127.0.0.1:8443
                origins: {app: {domain: app.internal}}
                defaultBehavior: {origin: app}
                customErrorResponses:
            """;

    @Test
    void readsEachStatusWithItsTtlPageAndCode() throws Exception {
        Config c = ConfigReader.read(Path.of("f.yaml"), HEAD + """
                      - {errorCode: 503, errorCachingMinTTL: 30s, responseCode: 200, responsePagePath: /errors/down.html}
                      - {errorCode: 404, responsePagePath: /errors/404.html}
                      - {errorCode: 500, errorCachingMinTTL: 0s}
                """);
        assertThat(DistributionRole.ROLE.of(c).distributions().get("web").customErrorResponses()).containsExactly(
                new CustomErrorResponse(503, Duration.ofSeconds(30), 200, "/errors/down.html"),
                new CustomErrorResponse(404, null, 0, "/errors/404.html"),
                new CustomErrorResponse(500, Duration.ZERO, 0, null));
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        List<String> p = problems(HEAD + """
                      - {errorCode: 302, errorCachingMinTTL: 10s}
                      - {errorCode: 503, responseCode: 200}
                      - {errorCode: 404, responsePagePath: errors/404.html}
                      - {errorCode: 404, errorCachingMinTTL: soon}
                      - {errorCachingMinTTL: 10s}
                      - {errorCode: 502, responseBody: oops}
                """);
        assertThat(p).containsExactly(
                "f.yaml:7: distributions.web.customErrorResponses.errorCode: 302 is out of range; allowed: 400 to 599",
                "f.yaml:8: distributions.web.customErrorResponses[503].responseCode: a responseCode goes with the page "
                        + "it answers: add responsePagePath",
                "f.yaml:9: distributions.web.customErrorResponses[404].responsePagePath: 'errors/404.html' must be a "
                        + "path starting with / (e.g. /errors/404.html), fetched through the behavior whose pathPattern "
                        + "matches it",
                "f.yaml:10: distributions.web.customErrorResponses[404]: errorCode 404 is listed twice",
                "f.yaml:10: distributions.web.customErrorResponses[404].errorCachingMinTTL: 'soon' is not a duration; "
                        + "write a number and a unit: 250ms, 5s, 2m, 1h, 1d",
                "f.yaml:11: distributions.web.customErrorResponses: 'errorCode' is missing: the status (400-599) this "
                        + "entry is for",
                "f.yaml:12: distributions.web.customErrorResponses.responseBody: unknown key 'responseBody' (did you mean 'responseCode'?); allowed "
                        + "here: errorCode, errorCachingMinTTL, responseCode, responsePagePath",
                "f.yaml:12: distributions.web.customErrorResponses[502]: says nothing: give errorCachingMinTTL, "
                        + "responsePagePath, or both");
    }

    private static List<String> problems(String yaml) {
        try {
            ConfigReader.read(Path.of("f.yaml"), yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }
}
