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
 * A file that cannot be decoded is the operator's problem, but the answer goes to anyone: it names the identifier,
 * never where the images live on disk. libvips's messages carry the absolute path of the file.
 */
class ErrorBodiesNameNoPathTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptImageIsNamedByItsIdentifierNotItsPath() throws Exception {
        VipsEngine vips;
        try {
            vips = VipsEngine.load(16L << 20);
        } catch (Exception | LinkageError e) {
            Assumptions.abort("libvips is not installed: " + e.getMessage());
            return;
        }
        // a JPEG that ends inside its first segment; a TIFF header whose directory points nowhere
        Files.write(dir.resolve("cut.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16,
                'J', 'F', 'I', 'F', 0, 1, 2, 3});
        Files.write(dir.resolve("cut.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0, 1, 3, 0});
        String root = dir.toRealPath().toString();
        try (Server server = new Server(IiifSettings.defaults(dir), vips)) {
            for (String id : new String[] {"cut.jpg", "cut.tif"}) {
                for (String path : new String[] {"/info.json", "/full/max/0/default.jpg"}) {
                    HttpResponse<byte[]> r = server.get("/iiif/3/" + id + path);
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    assertThat(r.statusCode()).as(id + path).isEqualTo(500);
                    assertThat(r.headers().firstValue("forecourt-error")).hasValue("internal_error");
                    assertThat(body).as(id + path).doesNotContain(root, dir.toString()).contains("'" + id + "'");
                }
            }
        }
    }
}
