package dev.forecourt.iiif;

import static dev.forecourt.iiif.ServiceContract.assertNear;
import static dev.forecourt.iiif.ServiceContract.image;
import static dev.forecourt.iiif.imaging.ImageChecks.firstLumaStep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.Pyramids;
import dev.forecourt.iiif.imaging.TiffTiles;
import dev.forecourt.iiif.imaging.VipsEngine;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A pyramid's stored-tile index is a shortcut, never a new way to fail the source: through a real socket, a page
 * whose index can't be read at all is served by libvips (info.json and tiles), and a tile whose offset points past
 * the file is left to libvips (which can't read it either: a short internal_error of the taxonomy, at once) while
 * the page's other tiles still go out as stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTileIndexFallbackTest {
    /** Tile (1, 1) of the full-size page, 4 x 3 tiles of 256: index 5. */
    private static final String TILE_1_1 = "256,256,256,256/256,/0/default.jpg";
    private static final String TILE_2_1 = "512,256,256,256/256,/0/default.jpg";
    private Path dir;
    private Server server;

    @BeforeAll
    void start() throws Throwable {
        dir = Files.createTempDirectory("iiif-index");
        Path src = Samples.write(Samples.grid(1024, 768), dir.resolve("src/grid.png"), "png");
        VipsEngine vips = VipsEngine.load(64L << 20);
        Path whole = dir.resolve("whole.tif");
        vips.convert(src, whole, 256, p -> { }); // JPEG tiles at Q85: as stored, their first luma step is 5
        Pyramids.tileOffsetPastTheEnd(whole, 0, 5, 4096, dir.resolve("past.tif"));
        Pyramids.tileByteCountsPastTheEnd(whole, 0, 1 << 20, dir.resolve("unindexed.tif"));
        server = new Server(IiifSettings.defaults(dir), vips);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aPageWhoseIndexCantBeReadIsServedByLibvipsInfoJsonAndTiles() throws Exception {
        Path unindexed = dir.resolve("unindexed.tif");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> TiffTiles.read(unindexed)))
                .as("its TileByteCounts runs past the file").isInstanceOf(java.io.IOException.class);
        HttpResponse<byte[]> info = server.get("/iiif/3/unindexed.tif/info.json");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("\"width\" : 1024,", "\"height\" : 768,");

        HttpResponse<byte[]> tile = server.get("/iiif/3/unindexed.tif/" + TILE_1_1);
        assertThat(image(tile).getWidth()).isEqualTo(256);
        assertThat(image(tile).getHeight()).isEqualTo(256);
        assertNear(Samples.colour(3, 3), image(tile).getRGB(64, 64)); // source pixel (320, 320)
        assertThat(firstLumaStep(tile.body())).as("encoded here (Q80), not passed through").isEqualTo(6);
        // the same tile of the intact file passes through: it is the index that made the difference
        assertThat(firstLumaStep(server.get("/iiif/3/whole.tif/" + TILE_1_1).body())).isEqualTo(5);
    }

    @Test
    void aTileWhoseOffsetPointsPastTheFileIsLeftToLibvipsAndTheOthersStillPassThrough() throws Exception {
        Path past = dir.resolve("past.tif");
        long started = System.nanoTime();
        HttpResponse<byte[]> lost = server.get("/iiif/3/past.tif/" + TILE_1_1);
        String body = new String(lost.body(), StandardCharsets.UTF_8);
        // libvips reads the same offset and fails too ("bad seek"): the answer is the taxonomy's, short and at once
        // (as it was before the fallback: no reader gets bytes from past the file, so only the log says it was tried)
        assertThat(lost.statusCode()).as(body).isEqualTo(500);
        assertThat(lost.headers().firstValue("forecourt-error")).hasValue("internal_error");
        assertThat(lost.headers().firstValue("forecourt-hop")).hasValue("app/iiif");
        assertThat(body).startsWith("internal_error at app/iiif: the image 'past.tif' could not be read")
                .doesNotContain("Exception", "\tat ");
        assertThat(System.nanoTime() - started).as("answered, not hung").isLessThan(10_000_000_000L);

        HttpResponse<byte[]> beside = server.get("/iiif/3/past.tif/" + TILE_2_1);
        assertThat(beside.statusCode()).isEqualTo(200);
        assertThat(beside.body()).as("as stored").isEqualTo(TiffTiles.read(past).stored(past, 0, 2, 1));
        assertThat(image(server.get("/iiif/3/past.tif/0,0,512,512/256,/0/default.jpg")).getWidth())
                .as("the next page's tile over the same place").isEqualTo(256);
        assertThat(server.get("/iiif/3/past.tif/info.json").statusCode()).isEqualTo(200);
    }
}
