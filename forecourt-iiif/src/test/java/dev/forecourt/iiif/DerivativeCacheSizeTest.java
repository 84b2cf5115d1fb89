package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.http.Limits;
import dev.forecourt.http.Listener;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cacheSize}: the derivative cache on disk keeps to it, and a bad one is a configuration error. */
class DerivativeCacheSizeTest {
    @TempDir
    Path dir;

    @Test
    void aTinyBudgetKeepsTheDirectoryUnderItAfterManyRenders() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Samples.write(Samples.grid(1000, 800), images.resolve("grid.png"), "png");
        Path cache = dir.resolve("derivatives");
        long budget = 4 * 1024; // a few tiles
        RequestHandler app = new IiifApp().create("iiif", Map.of("images", images.toString(), "cache", cache.toString(),
                "cacheSize", "4KiB", "engine", "java"), new Metrics(), new dev.forecourt.edge.trace.Traces());
        EventLoopGroup group = Transport.newGroup(1, "iiif-test");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Listener listener = Listener.start(new ListenerSpec("iiif", new InetSocketAddress("127.0.0.1", 0), null,
                Limits.DEFAULT), app, group)) {
            long rendered = 0;
            for (int i = 0; i < 12; i++) {
                URI tile = URI.create("http://127.0.0.1:" + listener.address().getPort() + "/iiif/3/grid.png/"
                        + (i * 50) + ",0,250,250/max/0/default.png");
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(tile).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                rendered += r.body().length;
                assertThat(bytesIn(cache)).as("after render %d", i).isLessThanOrEqualTo(budget);
            }
            assertThat(rendered).as("the renders would not fit: the budget was in play").isGreaterThan(2 * budget);
            assertThat(bytesIn(cache)).isPositive();
        } finally {
            ((AutoCloseable) app).close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static long bytesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<String> problems(String app) {
        try {
            ConfigReader.read(Path.of("f.yaml"), """
                    services:
                      iiif:
                        domains: [iiif.internal]
                        app: {iiif: %s}
                    ingress: {listen: 127.0.0.1:9000}
                    """.formatted(app));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void aCacheSizeIsReadWithTheConfigurationsSizeSyntaxAndABadOneIsNamedWithItsLine() {
        assertThat(problems("{images: ./images, cache: ./d, cacheSize: 512MiB}")).isEmpty();
        assertThat(problems("{images: ./images, cache: ./d, cacheSize: 4 gigs}")).singleElement().asString()
                .startsWith("f.yaml:4: services.iiif.app.iiif.cacheSize: ")
                .contains("'4 gigs' is not a size", "4GiB");
        assertThat(problems("{images: ./images, cache: ./d, cacheSize: 0}")).singleElement().asString()
                .contains("cacheSize", "0 keeps nothing");
        assertThat(problems("{images: ./images, cache: 'memory:64MiB', cacheSize: 1GiB}")).singleElement().asString()
                .contains("cacheSize", "not 'memory:64MiB', which carries its own size");
        assertThat(problems("{images: ./images, cacheSize: 1GiB}")).singleElement().asString()
                .contains("cacheSize", "which is off: give the cache a directory too");
    }

    @Test
    void withoutCacheSizeADirectoryCacheHasFourGibibytesAsBefore() {
        assertThat(IiifSettings.defaults(dir).cacheSize()).isEqualTo(4L << 30);
        assertThat(CacheSize.parse("512MiB")).isEqualTo(512L << 20);
    }
}
