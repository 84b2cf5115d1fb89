package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.echo;
import static dev.forecourt.edge.Fixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.http.Limits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads keep in-flight requests, draining lets them finish, and every request leaves an access log line. */
class LifecycleTest {
    @TempDir Path dir;

    @Test
    void aReloadRoutesNewRequestsByTheNewConfiguration() throws Exception {
        try (Forecourt f = Forecourt.start(Fixture.config(echo("a", List.of("a.internal"), true)), 1)) {
            assertThat(get(f, "ingress", "b.internal", "/").statusCode()).isEqualTo(404);
            f.reload(Fixture.config(echo("a", List.of("a.internal"), true), echo("b", List.of("b.internal"), true)));
            assertThat(get(f, "ingress", "b.internal", "/").body()).contains("\"name\":\"b\"");
            assertThat(get(f, "ingress", "a.internal", "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void drainingLetsARunningRequestFinishAndRefusesNewConnections() throws Exception {
        try (Origins slow = Origins.slowly("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone", 700)) {
            Forecourt f = Forecourt.start(Fixture.config(Fixture.at("s", "s.internal", List.of(slow.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(5))), 1);
            var port = f.address("ingress").getPort();
            CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(f, "ingress", "s.internal", "/");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            Thread drainer = Thread.ofPlatform().start(() -> f.drain(Duration.ofSeconds(5)));
            Thread.sleep(100);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                    .isInstanceOf(java.net.ConnectException.class);
            assertThat(running.get().body()).isEqualTo("done");
            drainer.join(5000);
        }
    }

    @Test
    void writesOneJsonAccessLogLinePerRequestWithTheNamedFields() throws Exception {
        Path log = dir.resolve("access.log");
        try (Forecourt f = Forecourt.start(Fixture.config(Limits.DEFAULT, new AccessLogConfig(true, "json", log.toString()),
                echo("a", List.of("a.internal"), true)), 1)) {
            get(f, "ingress", "a.internal", "/hello");
            get(f, "ingress", "nowhere.internal", "/x");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"hop\":\"ingress/public\"", "\"host\":\"a.internal\"", "\"method\":\"GET\"",
                "\"path\":\"/hello\"", "\"status\":200", "\"upstream\":\"app:echo@", "\"error\":null", "\"request_id\":\"");
        assertThat(lines.get(1)).contains("\"status\":404", "\"error\":\"no_route\"");
    }

    @Test
    void aTextFormatNamesItsFields() throws Exception {
        Path log = dir.resolve("text.log");
        try (Forecourt f = Forecourt.start(Fixture.config(Limits.DEFAULT,
                new AccessLogConfig(true, "$method $host$path $status ${error} up=$upstream", log.toString()),
                echo("a", List.of("a.internal"), true)), 1)) {
            get(f, "ingress", "nowhere.internal", "/x");
        }
        assertThat(Files.readAllLines(log)).containsExactly("GET nowhere.internal/x 404 no_route up=-");
    }
}
