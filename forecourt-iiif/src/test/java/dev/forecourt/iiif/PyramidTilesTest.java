package dev.forecourt.iiif;

import static dev.forecourt.iiif.ServiceContract.assertNear;
import static dev.forecourt.iiif.ServiceContract.image;
import static org.assertj.core.api.Assertions.assertThat;

import static dev.forecourt.iiif.imaging.ImageChecks.firstLumaStep;
import static dev.forecourt.iiif.imaging.ImageChecks.psnr;

import dev.forecourt.iiif.imaging.Pyramids;
import dev.forecourt.iiif.imaging.VipsEngine;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tiles of pyramids as libvips writes them: our {@code convert}'s (YCbCr-coded JPEG tiles, Q85) and an RGB-coded
 * one (photometric 2, Q95), served with passthrough on (whole stored tiles as stored) and off (re-encoded here at
 * Q80 by TurboJPEG from the stored tiles), each compared with what libvips decodes from the same file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyramidTilesTest {
    private Path dir;
    private Server passthrough;
    private Server decoding;

    @BeforeAll
    void start() throws Throwable {
        dir = Files.createTempDirectory("iiif-pyramids");
        // two sources: libvips caches an opened file, with convert's progress callback on it (see StoredTilesJpegTest)
        Path src = Samples.write(Samples.grid(2048, 1536), dir.resolve("src/big.png"), "png");
        Path src2 = Samples.write(Samples.grid(2048, 1536), dir.resolve("src/big2.png"), "png");
        VipsEngine vips = VipsEngine.load(64L << 20);
        vips.convert(src, dir.resolve("ycbcr.tif"), 256, p -> { });
        Pyramids.rgbCoded(src2, dir.resolve("rgb.tif"), 256);
        assertThat(Pyramids.turboJpeg()).as("libturbojpeg0 installed (.ci/run installs it)").isTrue();
        passthrough = new Server(IiifSettings.defaults(dir), vips);
        decoding = new Server(IiifSettings.defaults(dir).withPassthrough(false), vips);
    }

    @AfterAll
    void stop() throws Exception {
        passthrough.close();
        decoding.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anRgbCodedStoredTileGoesOutAsStoredWithTheAdobeMarkerThatSaysRgb() throws Exception {
        HttpResponse<byte[]> tile = passthrough.get("/iiif/3/rgb.tif/1024,0,512,512/256,/0/default.jpg");
        byte[] jpeg = tile.body();
        assertThat(jpeg).startsWith(0xff, 0xd8, 0xff, 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e');
        assertThat(jpeg[15]).as("Adobe transform 0: RGB, not YCbCr").isEqualTo((byte) 0);
        assertThat(firstLumaStep(jpeg)).as("Q95 as stored, not encoded here at Q80 (6)").isLessThan(6);
        BufferedImage img = image(tile);
        assertNear(Samples.colour(11, 1), img.getRGB(64, 64));
        assertNear(Samples.colour(14, 4), img.getRGB(200, 200)); // source pixel (1424, 400)
    }

    @Test
    void decodedTilesAreEncodedHereAndMatchWhatLibvipsDecodesAndEncodes() throws Exception {
        // the last across four tiles, its sides whole 16-pixel blocks (mirrored, libvips's JPEG has ours)
        String[] regions = {"1024,0,512,512/256,", "256,512,256,256/256,", "150,250,320,208/320,"};
        for (String file : new String[] {"ycbcr.tif", "rgb.tif"}) {
            for (String region : regions) { // (the encoder itself is held to libvips's in TurboJpegTest)
                String path = "/iiif/3/" + file + "/" + region + "/0/default";
                HttpResponse<byte[]> jpeg = decoding.get(path + ".jpg");
                assertThat(firstLumaStep(jpeg.body())).as("encoded here at Q80").isEqualTo(6);
                // the reference: libvips's own decode of the same stored tiles, as PNG; and the Q80 JPEG of libvips's
                // pipeline, mirrored (which keeps the request off the stored-tile path) and mirrored back
                BufferedImage reference = image(decoding.get(path + ".png"));
                BufferedImage libvips = mirrored(image(decoding.get(path.replace("/0/default", "/!0/default") + ".jpg")));
                double ours = psnr(image(jpeg), reference);
                assertThat(ours).as(path + ": PSNR within 1%% of the libvips path's").isGreaterThan(0.99 * psnr(libvips, reference));
                assertThat(ours).as(path).isGreaterThan(30);
            }
        }
    }

    @Test
    void thePassthroughServerAnswersTheSameRegionTheSameWayWhenItCannotPassThrough() throws Exception {
        String path = "/iiif/3/rgb.tif/150,250,300,200/300,/0/default.jpg";
        assertThat(passthrough.get(path).body()).isEqualTo(decoding.get(path).body());
        String info = new String(decoding.get("/iiif/3/rgb.tif/info.json").body(), StandardCharsets.UTF_8);
        assertThat(info).contains("\"width\" : 256,", "\"scaleFactors\" : [ 1, 2, 4, 8 ]");
    }

    @Test
    void aTileTurboJpegRefusesIsLeftToLibvipsNotFailed() throws Exception {
        Pyramids.damaged(dir.resolve("ycbcr.tif"), 0, 1, 1, dir.resolve("damaged.tif"));
        String path = "/iiif/3/damaged.tif/256,256,256,256/256,/0/default";
        HttpResponse<byte[]> jpeg = decoding.get(path + ".jpg");
        // whatever libvips makes of it (its own answer for the PNG) is the answer: TurboJPEG adds no failure
        assertThat(jpeg.statusCode()).isEqualTo(decoding.get(path + ".png").statusCode()).isEqualTo(200);
        assertThat(image(jpeg).getWidth()).isEqualTo(256);
    }

    private static BufferedImage mirrored(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(img.getWidth() - 1 - x, y, img.getRGB(x, y));
            }
        }
        return out;
    }
}
