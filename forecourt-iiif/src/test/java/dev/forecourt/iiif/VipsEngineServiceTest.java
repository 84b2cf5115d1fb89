package dev.forecourt.iiif;

import static dev.forecourt.iiif.imaging.ImageChecks.firstLumaStep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.VipsEngine;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service on libvips (`.ci/run` installs libvips42), plus what only libvips does: webp, jp2, pyramids. */
class VipsEngineServiceTest extends ServiceContract {
    private static VipsEngine vips;

    @Override
    synchronized ImagingEngine engine() throws Exception {
        if (vips == null) {
            vips = VipsEngine.load(64L << 20);
        }
        return vips;
    }

    @Test
    void webpAndJpeg2000() throws Exception {
        HttpResponse<byte[]> webp = server.get("/iiif/3/grid.png/full/100,/0/default.webp");
        assertThat(new String(webp.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        HttpResponse<byte[]> jp2 = server.get("/iiif/3/grid.png/full/100,/0/default.jp2");
        assertThat(jp2.headers().firstValue("content-type")).hasValue("image/jp2");
        assertThat(jp2.body()).startsWith(0, 0, 0, 0x0c, 'j', 'P', ' ', ' ');
    }

    @Test
    void aPyramidIsReadAtTheRightLevelAndWholeStoredTilesGoOutAsStored() throws Exception {
        java.nio.file.Path src = Samples.write(Samples.grid(2048, 1536), dir.resolve("src/big.png"), "png");
        vips.convert(src, dir.resolve("big.tif"), 256, p -> { });
        vips.convert(src, dir.resolve("big512.tif"), 512, p -> { });
        String info = new String(server.get("/iiif/3/big.tif/info.json").body(), StandardCharsets.UTF_8);
        assertThat(info).contains("\"width\" : 2048", "\"width\" : 256,", "\"scaleFactors\" : [ 1, 2, 4, 8 ]");
        String info512 = new String(server.get("/iiif/3/big512.tif/info.json").body(), StandardCharsets.UTF_8);
        assertThat(info512).as("the pyramid's own tile size").contains("\"width\" : 512,", "\"scaleFactors\" : [ 1, 2, 4 ]");
        // region 512 at 256 wide: one stored tile of the half-size page, sent without decoding: its JPEG
        // carries convert's quantisation (Q85: first luma step 5), not that of an encode here (Q80: 6)
        HttpResponse<byte[]> tile = server.get("/iiif/3/big.tif/1024,0,512,512/256,/0/default.jpg");
        BufferedImage img = image(tile);
        assertThat(img.getWidth()).isEqualTo(256);
        assertNear(Samples.colour(11, 1), img.getRGB(64, 64));
        assertThat(firstLumaStep(tile.body())).as("stored tile").isEqualTo(5);
        // the same region, turned: decoded and encoded, same pixels
        HttpResponse<byte[]> turnedTile = server.get("/iiif/3/big.tif/1024,0,512,512/256,/180/default.jpg");
        assertNear(Samples.colour(11, 1), image(turnedTile).getRGB(191, 191));
        assertThat(firstLumaStep(turnedTile.body())).as("encoded here").isEqualTo(6);
        // not a whole stored tile: decoded from the nearest level
        assertThat(image(server.get("/iiif/3/big.tif/100,100,700,300/350,/0/default.jpg")).getHeight()).isEqualTo(150);
    }
}
