package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.VipsEngine;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvips reads files through loaders it does not fuzz (ImageMagick's coders, librsvg) unless told not to. Files
 * that only such a loader reads are refused as unreadable, never decoded.
 */
class UntrustedLoadersTest {
    @TempDir
    Path dir;

    @Test
    void aFileOnlyImageMagickOrLibrsvgReadsIsRefusedNotDecoded() throws Exception {
        VipsEngine vips;
        try {
            vips = VipsEngine.load(16L << 20);
        } catch (Exception | LinkageError e) {
            Assumptions.abort("libvips is not installed: " + e.getMessage());
            return;
        }
        Samples.write(Samples.grid(200, 100), dir.resolve("grid.png"), "png");
        // BMP: libvips has no loader of its own, only ImageMagick's (magickload); SVG: librsvg (svgload)
        Samples.write(Samples.grid(200, 100), dir.resolve("grid.bmp"), "bmp");
        Files.writeString(dir.resolve("dot.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\">"
                + "<rect width=\"20\" height=\"20\" fill=\"red\"/></svg>");
        try (Server server = new Server(IiifSettings.defaults(dir), vips)) {
            assertThat(server.get("/iiif/3/grid.png/full/50,/0/default.jpg").statusCode()).as("a trusted loader").isEqualTo(200);
            for (String id : new String[] {"grid.bmp", "dot.svg"}) {
                for (String path : new String[] {"/info.json", "/full/50,/0/default.png"}) {
                    HttpResponse<byte[]> r = server.get("/iiif/3/" + id + path);
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    assertThat(r.statusCode()).as(id + path + ": " + body).isEqualTo(500);
                    assertThat(r.headers().firstValue("forecourt-error")).hasValue("internal_error");
                    assertThat(body).contains(id);
                }
            }
        }
    }
}
