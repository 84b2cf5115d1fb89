package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.http.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code format: combined} writes nginx's combined line and {@code cloudfront} the cloud's standard fields, not the word. */
class NamedLogFormatTest {
    @TempDir
    Path dir;

    private List<String> lines(String format) throws Exception {
        Path log = dir.resolve(format + ".log");
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/a/b.jpg", ok("jpeg", "Cache-Control", "max-age=60"));
            DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null,
                    Map.of("origin", origin("127.0.0.1", origin.port())), List.of(), rfc(), CacheConfig.DEFAULT,
                    new AccessLogConfig(true, format, log.toString()), Limits.DEFAULT);
            try (Forecourt f = Forecourt.start(Distributions.config(d), 1)) {
                int port = f.address("distribution-edge").getPort();
                Distributions.send(port, "GET", "/a/b.jpg?size=1", "Referer", "https://viewer.example/page",
                        "User-Agent", "Mozilla/5.0 (X11)");
            }
        }
        return Files.readAllLines(log);
    }

    @Test
    void combinedIsNginxsCombinedLine() throws Exception {
        assertThat(lines("combined")).singleElement().asString().matches("127\\.0\\.0\\.1 - - "
                + "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] \"GET /a/b\\.jpg\\?size=1 HTTP/1\\.1\" "
                + "200 4 \"https://viewer\\.example/page\" \"Mozilla/5\\.0 \\(X11\\)\"");
    }

    @Test
    void cloudfrontIsTheCloudsStandardFieldsTabSeparated() throws Exception {
        String line = lines("cloudfront").getFirst();
        String[] f = line.split("\t", -1);
        assertThat(f).hasSize(33);
        assertThat(f[0]).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(f[1]).matches("\\d{2}:\\d{2}:\\d{2}");
        assertThat(List.of(f[3], f[4], f[5], f[7], f[8], f[9], f[11], f[13], f[16], f[23]))
                .containsExactly("4", "127.0.0.1", "GET", "/a/b.jpg", "200", "https://viewer.example/page", "size=1",
                        "Miss", "http", "HTTP/1.1");
        assertThat(f[18]).matches("\\d+\\.\\d+");
        assertThat(f[12]).isEqualTo("-");
    }
}
