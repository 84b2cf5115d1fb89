package dev.forecourt.iiif.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Regions of a pyramid's pages re-encoded by TurboJPEG from the stored tiles (`.ci/run` installs libvips42 and
 * libturbojpeg0): the pixels where they belong, across tile edges, for YCbCr- and RGB-coded tiles; a damaged
 * tile fails with TurboJPEG's word for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTilesJpegTest {
    private Path dir;
    private BufferedImage source;
    private StoredTilesJpeg recode;

    @BeforeAll
    void pyramids() throws Throwable {
        source = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 768; y++) {
            for (int x = 0; x < 1024; x++) {
                // smooth and different in every direction: a pixel out of place shows
                source.setRGB(x, y, (x / 4) << 16 | (y / 3) << 8 | ((x + y) / 8));
            }
        }
        dir = Files.createTempDirectory("stored-tiles");
        VipsEngine.load(16L << 20).convert(png("src.png", source), dir.resolve("ycbcr.tif"), 256, p -> { });
        Pyramids.rgbCoded(png("src2.png", source), dir.resolve("rgb.tif"), 256);
        recode = new StoredTilesJpeg(TurboJpeg.open());
    }

    /**
     * Each pyramid from a file of its own: libvips caches an opened file, and convert's progress callback stays
     * on the cached image after its stub is freed (a second convert of the same file in one process crashes).
     */
    private Path png(String name, BufferedImage img) throws IOException {
        Path png = dir.resolve(name);
        ImageIO.write(img, "png", png.toFile());
        return png;
    }

    @AfterAll
    void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private byte[] region(String file, int page, int x, int y, int w, int h) throws IOException {
        Path tif = dir.resolve(file);
        return recode.region(tif, TiffTiles.read(tif), page, x, y, w, h, 80);
    }

    /** PSNR in dB of {@code jpeg} against the source region at {@code x, y}, one in {@code step} pixels each way. */
    private double psnr(byte[] jpeg, int x, int y, int step) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        BufferedImage reference = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < img.getHeight(); j++) {
            for (int i = 0; i < img.getWidth(); i++) {
                reference.setRGB(i, j, source.getRGB((x + i) * step, (y + j) * step));
            }
        }
        return ImageChecks.psnr(img, reference);
    }

    @Test
    void aRegionAcrossFourTilesHasItsPixelsWhereTheyBelong() throws IOException {
        for (String file : new String[] {"ycbcr.tif", "rgb.tif"}) {
            byte[] jpeg = region(file, 0, 200, 150, 300, 200);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img.getWidth()).isEqualTo(300);
            assertThat(img.getHeight()).isEqualTo(200);
            assertThat(psnr(jpeg, 200, 150, 1)).as(file).isGreaterThan(38);
        }
    }

    @Test
    void aWholeTileOfAReducedPageIsThatPageSampled() throws IOException {
        for (String file : new String[] {"ycbcr.tif", "rgb.tif"}) {
            // page 1 is half size: its tile (1, 1) covers source pixels 512..1023 x 512..767
            byte[] jpeg = region(file, 1, 256, 256, 256, 128);
            assertThat(psnr(jpeg, 256, 256, 2)).as(file).isGreaterThan(30);
        }
    }

    @Test
    void aRegionOverMoreThanSixteenTilesIsLeftToLibvips() throws Exception {
        assertThat(region("ycbcr.tif", 0, 0, 0, 1024, 768)).as("12 tiles").isNotNull();
        Path wide = png("wide.png", new BufferedImage(2048, 1024, BufferedImage.TYPE_INT_RGB));
        VipsEngine.load(16L << 20).convert(wide, dir.resolve("wide.tif"), 256, p -> { });
        assertThat(region("wide.tif", 0, 0, 0, 2048, 1024)).as("32 tiles").isNull();
    }

    @Test
    void aDamagedTileFailsWithTurboJpegsReason() throws IOException {
        Path damaged = Pyramids.damaged(dir.resolve("ycbcr.tif"), 0, 1, 1, dir.resolve("damaged.tif"));
        assertThatThrownBy(() -> recode.region(damaged, TiffTiles.read(damaged), 0, 256, 256, 256, 256, 80))
                .isInstanceOf(IOException.class).hasMessageContaining("TurboJPEG");
    }
}
