package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.route.PathPattern;
import dev.forecourt.iiif.imaging.JavaEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths the app names for {@code check} ({@link IiifApp#paths}) are what it serves: a path each pattern matches
 * is answered, one none matches is 404 (what check tells a hop in front that keeps its prefix).
 */
class AppPathsTest {
    @TempDir
    Path dir;

    @Test
    void theNamedPathsAreServedAndOthersAre404() throws Exception {
        Samples.write(Samples.grid(64, 64), dir.resolve("images/grid.png"), "png");
        List<PathPattern> named = new IiifApp().paths().stream().map(PathPattern::new).toList();
        try (Server server = new Server(IiifSettings.defaults(dir.resolve("images")), new JavaEngine())) {
            for (String served : List.of("/iiif/3/grid.png/info.json", "/health", "/", "/view/grid.png",
                    "/static/openseadragon/openseadragon.min.js")) {
                assertThat(named).as(served).anyMatch(p -> p.matches(served));
                assertThat(server.get(served).statusCode()).as(served).isEqualTo(200);
            }
            for (String other : List.of("/api/iiif/3/grid.png/info.json", "/images/grid.png", "/prod/health")) {
                assertThat(named).as(other).noneMatch(p -> p.matches(other));
                assertThat(server.get(other).statusCode()).as(other).isEqualTo(404);
            }
        }
    }
}
