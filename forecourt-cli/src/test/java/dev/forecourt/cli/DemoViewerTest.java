package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer page the tour names, opened in headless Chromium through the whole chain (distribution, API, link, the
 * ingress's TLS private listener, the IIIF app) of {@code forecourt demo} run as a user runs it: the page's
 * OpenSeadragon loads its tiles, each one answered 200 by the distribution and, as the app's own path, by the private
 * listener (their access log lines, in the demo's output, share the request id), and the screenshot shows the image.
 */
class DemoViewerTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theViewerLoadsItsTilesThroughAllFiveHops() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install chromium; .ci/run"
                + " installs it)");
        DemoPorts ports = new DemoPorts(DemoListenBaseTest.freeBase());
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder(Child.forecourtCommand("demo", "--listen-base", Integer.toString(ports.base())))
                .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path shot = dir.resolve("shot.png");
        try {
            awaitOutput(output, "Forecourt demo is running", 60);
            assertThat(Files.readString(output)).contains("http://images.localhost:" + ports.distribution() + DemoTour.VIEWER);
            // Headless Chromium sometimes ends before OpenSeadragon has asked for the tiles, or before it has drawn
            // them (virtual time runs out between the page's timers, the tile fetches and the paint): a page that
            // loaded or painted too little is tried again, up to 3 times.
            for (int attempt = 1; attempt <= 3 && !(tiles(Files.readAllLines(output), ports).size() >= 4
                    && Files.exists(shot) && paintedShare(shot) > 0.5); attempt++) {
                Files.deleteIfExists(shot);
                Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--user-data-dir=" + dir.resolve("profile" + attempt), "--virtual-time-budget=30000",
                        "--window-size=1000,700", "--screenshot=" + shot,
                        "http://images.localhost:" + ports.distribution() + DemoTour.VIEWER)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
                if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
                    chromium.destroyForcibly();
                    throw new AssertionError("chromium did not finish in 90 s");
                }
            }
            Thread.sleep(500); // the access logs write on their own thread
        } finally {
            demo.destroy(); // SIGTERM: the demo drains and exits
            if (!demo.waitFor(40, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.copy(shot, Path.of("target", "demo-viewer-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = Files.readAllLines(output);
        Set<String> tiles = tiles(lines, ports);
        assertThat(tiles).as("tiles the viewer loaded; the demo said:\n" + String.join("\n", lines)).hasSizeGreaterThanOrEqualTo(4);
        // each reached the app through the TLS private listener (after the API and the link), without the /api prefix
        for (String tile : tiles) {
            String id = tile.substring(0, tile.indexOf(' '));
            String path = tile.substring(tile.indexOf(' ') + 1);
            assertThat(lines).as("tile " + path).anyMatch(l -> l.contains(" ingress/private ")
                    && l.contains("\"GET iiif.internal" + path + " HTTP/1.1\" 200 ") && l.endsWith(" " + id));
        }
        assertThat(lines).as("the API's access log").filteredOn(l -> l.contains("\"GET ANY /api/{proxy+} HTTP/1.1\" 200 "))
                .hasSizeGreaterThanOrEqualTo(tiles.size());
        assertThat(lines).as("the link's connections to the private listener")
                .anyMatch(l -> l.contains(" link/nlb ") && l.contains(" 127.0.0.1:" + ports.ingressPrivate() + " "));
        // and the picture: the sample drawn over most of the viewer, not its empty background
        assertThat(paintedShare(shot)).as("share of the viewer painted; chromium said: "
                + Files.readString(dir.resolve("chromium.log"))).isGreaterThan(0.5);
    }

    /**
     * The tiles the page asked the distribution for, as "REQUEST-ID PATH" (the id is a line's last field; the path
     * is the app's, without /api), each answered 200.
     */
    private static Set<String> tiles(List<String> lines, DemoPorts ports) {
        Pattern tileAtCdn = Pattern.compile("^\\S+ distribution/images \\S+ \"GET images\\.localhost:" + ports.distribution()
                + "/api(/iiif/3/sample\\.jpg/[^/ ]+/[^/ ]+/0/default\\.jpg) HTTP/1\\.1\" (\\d+) \\S+ \\S+ (\\S+) .* (\\S+)$");
        Set<String> tiles = new HashSet<>();
        for (String line : lines) {
            Matcher m = tileAtCdn.matcher(line);
            // a tile the CDN answered from its cache (a page loaded again) went no further: nothing to follow
            if (m.matches() && !m.group(3).equals("-")) {
                assertThat(m.group(2)).as(line).isEqualTo("200");
                tiles.add(m.group(4) + " " + m.group(1));
            }
        }
        return tiles;
    }

    private static void awaitOutput(Path output, String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo did not print '" + text + "' in " + seconds + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }

    /** The share of points across the viewer (below the page's first line) that are neither page nor viewer background. */
    private static double paintedShare(Path shot) throws IOException {
        BufferedImage png = ImageIO.read(shot.toFile());
        assertThat(png).as("a screenshot").isNotNull();
        int painted = 0;
        int all = 0;
        for (int y = 100; y < 600; y += 20) {
            for (int x = 200; x < 800; x += 20, all++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                painted += rgb == 0xffffff || rgb == 0x111111 ? 0 : 1;
            }
        }
        return (double) painted / all;
    }
}
