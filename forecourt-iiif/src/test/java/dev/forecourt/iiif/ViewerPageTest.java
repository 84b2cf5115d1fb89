package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forecourt.iiif.imaging.JavaEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer page in headless Chromium (`.ci/run` installs Debian's chromium): OpenSeadragon loads the tiles. */
class ViewerPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theTilesLoadAndTheScreenshotShowsTheImage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install chromium)");
        Samples.write(Samples.grid(1000, 800), dir.resolve("images/grid.png"), "png");
        Path shot = dir.resolve("shot.png");
        try (Server server = new Server(IiifSettings.defaults(dir.resolve("images")), new JavaEngine())) {
            assertThat(server.get("/static/openseadragon/openseadragon.min.js").statusCode()).isEqualTo(200);
            for (String warm : new String[] {"/full/max/0/default.jpg", "/0,0,512,512/256,/0/default.jpg",
                    "/0,0,256,256/256,/0/default.jpg"}) { // the first decodes on a cold JVM are slow: not the point here
                assertThat(server.get("/iiif/3/grid.png" + warm).statusCode()).isEqualTo(200);
            }
            // Headless Chromium sometimes takes its screenshot before OpenSeadragon has drawn the tiles (virtual time
            // runs out between the page's timers and the tile fetches): a blank viewer is tried again, up to 3 times.
            for (int attempt = 1; attempt <= 3 && distinctColours(shot) <= 20; attempt++) {
                Files.deleteIfExists(shot);
                Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--user-data-dir=" + dir.resolve("profile" + attempt), "--virtual-time-budget=30000",
                        "--window-size=1000,700", "--screenshot=" + shot, server.url("/view/grid.png"))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
                if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
                    chromium.destroyForcibly();
                    throw new AssertionError("chromium did not finish in 90 s");
                }
            }
        }
        // kept for a look when it fails: the test's own directory is removed
        Files.copy(shot, Path.of("target", "viewer-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(ImageIO.read(shot.toFile())).as("screenshot; chromium said: "
                + Files.readString(dir.resolve("chromium.log"))).isNotNull();
        // the viewer area (below the page's first line) shows the grid's coloured squares, not an empty canvas
        assertThat(distinctColours(shot)).as("distinct colours in the viewer").isGreaterThan(20);
    }

    /** Distinct colours (4 bits a channel) sampled over the viewer area; 0 if there is no screenshot yet. */
    private static int distinctColours(Path shot) throws java.io.IOException {
        if (!Files.exists(shot)) {
            return 0;
        }
        BufferedImage png = ImageIO.read(shot.toFile());
        if (png == null) {
            return 0;
        }
        Set<Integer> colours = new HashSet<>();
        for (int y = 150; y < 600; y += 10) {
            for (int x = 150; x < 850; x += 10) {
                colours.add(png.getRGB(x, y) & 0xf0f0f0);
            }
        }
        return colours.size();
    }
}
