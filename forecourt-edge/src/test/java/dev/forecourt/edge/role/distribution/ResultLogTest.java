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

/** A distribution's access log carries the cloud's result types and the time to first byte. */
class ResultLogTest {
    @TempDir
    Path dir;

    @Test
    void missThenHitThenOriginErrorAreLoggedAsTheCloudNamesThem() throws Exception {
        Path log = dir.resolve("access.log");
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/a", ok("a", "Cache-Control", "max-age=60"));
            DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null,
                    Map.of("origin", origin("127.0.0.1", origin.port())), List.of(), rfc(), CacheConfig.DEFAULT,
                    new AccessLogConfig(true, "$path $status $result_type $detailed_result_type $time_to_first_byte",
                            log.toString()), Limits.DEFAULT);
            try (Forecourt f = Forecourt.start(Distributions.config(d), 1)) {
                int port = f.address("distribution-edge").getPort();
                Distributions.send(port, "GET", "/a");
                Distributions.send(port, "GET", "/a");
                origin.close();
                Distributions.send(port, "GET", "/b");
            }
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("/a 200 Miss Miss 0\\.\\d+");
        assertThat(lines.get(1)).matches("/a 200 Hit Hit 0\\.\\d+");
        assertThat(lines.get(2)).matches("/b 502 Error OriginConnectError 0\\.\\d+");
    }
}
