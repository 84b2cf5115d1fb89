package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.JavaEngine;
import dev.forecourt.iiif.imaging.StartingEngine;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image service whose engine is still being made (libvips binding at a {@code run}'s start): its listener
 * answers what needs no engine at once, and its image requests wait for the engine, then are answered by it.
 */
class StartingEngineTest {
    @TempDir
    Path dir;

    @Test
    void healthAnswersAtOnceAndImageRequestsWaitForTheEngine() throws Exception {
        Samples.write(Samples.grid(300, 200), dir.resolve("grid.png"), "png");
        CompletableFuture<ImagingEngine> making = new CompletableFuture<>();
        try (Server server = new Server(IiifSettings.defaults(dir), new StartingEngine(making))) {
            HttpResponse<byte[]> health = server.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(text(health)).contains("engine: starting");

            CompletableFuture<HttpResponse<byte[]>> info = CompletableFuture.supplyAsync(() -> get(server,
                    "/iiif/3/grid.png/info.json"));
            // webp: a format the Java engine does not write, judged by the engine once it is there
            CompletableFuture<HttpResponse<byte[]>> webp = CompletableFuture.supplyAsync(() -> get(server,
                    "/iiif/3/grid.png/full/max/0/default.webp"));
            assertThat(waitsStill(info)).as("info.json before the engine is made").isTrue();
            assertThat(waitsStill(webp)).as("an image before the engine is made").isTrue();
            // the waits are on the render pool: the event loop (one, here) still answers
            assertThat(text(CompletableFuture.supplyAsync(() -> get(server, "/health")).get(2, TimeUnit.SECONDS)))
                    .contains("engine: starting");

            JavaEngine java = new JavaEngine();
            making.complete(java);
            HttpResponse<byte[]> answered = info.get(10, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(text(answered)).contains("\"width\" : 300");
            HttpResponse<byte[]> refused = webp.get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as(text(refused)).isEqualTo(501);
            assertThat(text(refused)).contains(java.name());
            assertThat(text(server.get("/health"))).contains("engine: " + java.name());
        }
    }

    @Test
    void anEngineThatCouldNotBeMadeIsA503NotTheImagesFault() throws Exception {
        Samples.write(Samples.grid(300, 200), dir.resolve("grid.png"), "png");
        CompletableFuture<ImagingEngine> failed = CompletableFuture.failedFuture(new IllegalStateException("no libvips"));
        try (Server server = new Server(IiifSettings.defaults(dir), new StartingEngine(failed))) {
            HttpResponse<byte[]> r = server.get("/iiif/3/grid.png/info.json");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("forecourt-error")).contains("overloaded");
            assertThat(r.headers().firstValue("retry-after")).contains("1");
            assertThat(text(server.get("/health"))).contains("engine: none (java.lang.IllegalStateException: no libvips)");
        }
    }

    private static boolean waitsStill(CompletableFuture<?> answer) throws Exception {
        try {
            answer.get(300, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    private static HttpResponse<byte[]> get(Server server, String path) {
        try {
            return server.get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
