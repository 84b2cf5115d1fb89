package dev.forecourt.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The top-level {@code cluster:} section: the Redis that shares throttling buckets, and the fail mode. */
class ClusterConfigTest {
    private static final Path FILE = Path.of("c.yaml");
    private static final String SERVICE = """
            services:
              echo: {domains: [echo.internal], app: {echo: {}}}
            ingress:
              listen: 127.0.0.1:0
            """;

    @Test
    void readsTheRedisUriAndTheFailModeWhichIsLocalUnlessSaid() throws Exception {
        assertThat(ConfigReader.read(FILE, SERVICE).cluster()).as("no cluster: this process alone").isNull();
        assertThat(ConfigReader.read(FILE, SERVICE + "cluster: {redis: redis://127.0.0.1:6379}\n").cluster())
                .isEqualTo(new ClusterConfig("redis://127.0.0.1:6379", ClusterConfig.FailMode.LOCAL));
        assertThat(ConfigReader.read(FILE, SERVICE + "cluster:\n  redis: rediss://r.internal:6380/2\n  failMode: closed\n")
                .cluster()).isEqualTo(new ClusterConfig("rediss://r.internal:6380/2", ClusterConfig.FailMode.CLOSED));
    }

    @Test
    void aBadUriAMissingOneAnUnknownModeOrKeyAreErrorsWithTheirLines() {
        assertThatThrownBy(() -> ConfigReader.read(FILE, SERVICE + "cluster: {redis: 127.0.0.1:6379}\n"))
                .hasMessageContaining("c.yaml:5: cluster.redis: '127.0.0.1:6379' is not a redis:// or rediss:// URI");
        assertThatThrownBy(() -> ConfigReader.read(FILE, SERVICE + "cluster: {failMode: open}\n"))
                .hasMessageContaining("cluster.redis: 'redis' is missing");
        assertThatThrownBy(() -> ConfigReader.read(FILE, SERVICE + "cluster: {redis: redis://h:1, failMode: shut}\n"))
                .hasMessageContaining("cluster.failMode: 'shut' is not allowed").hasMessageContaining("local, open, closed");
        assertThatThrownBy(() -> ConfigReader.read(FILE, SERVICE + "cluster: {redis: redis://h:1, redis_timeout: 1s}\n"))
                .hasMessageContaining("unknown key 'redis_timeout'");
    }
}
