package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.ImagingEngine;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the image service does on the wire, whichever engine makes the pixels. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceContract {
    Path dir;
    Server server;

    abstract ImagingEngine engine() throws Exception;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("iiif-test");
        Samples.write(Samples.grid(1000, 800), dir.resolve("grid.png"), "png");
        Samples.write(Samples.grid(600, 400), dir.resolve("sub/grid.jpg"), "jpg");
        Samples.lyingPng(dir.resolve("huge.png"), 100_000, 100_000);
        Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        server = new Server(IiifSettings.defaults(dir), engine());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).as("decodable " + r.headers().firstValue("content-type")).isNotNull();
        return img;
    }

    static void assertNear(Color expected, int rgb) {
        Color c = new Color(rgb);
        assertThat(Math.abs(c.getRed() - expected.getRed()) + Math.abs(c.getGreen() - expected.getGreen())
                + Math.abs(c.getBlue() - expected.getBlue())).as("colour %s vs %s", c, expected).isLessThan(30);
    }

    @Test
    void fullImageAndARegionHaveTheRightSizeAndColours() throws Exception {
        BufferedImage full = image(server.get("/iiif/3/grid.png/full/max/0/default.jpg"));
        assertThat(full.getWidth()).isEqualTo(1000);
        assertThat(full.getHeight()).isEqualTo(800);
        assertNear(Samples.colour(3, 2), full.getRGB(350, 250));
        BufferedImage region = image(server.get("/iiif/3/grid.png/300,200,200,200/100,/0/default.png"));
        assertThat(region.getWidth()).isEqualTo(100);
        assertThat(region.getHeight()).isEqualTo(100);
        assertNear(Samples.colour(3, 2), region.getRGB(25, 25));
        assertNear(Samples.colour(4, 3), region.getRGB(75, 75));
    }

    @Test
    void aOnePixelRegionAtMaxIsOnePixel() throws Exception {
        BufferedImage one = image(server.get("/iiif/3/grid.png/10,10,1,1/max/0/default.png"));
        assertThat(one.getWidth()).isEqualTo(1);
        assertThat(one.getHeight()).isEqualTo(1);
    }

    @Test
    void upscalingNeedsTheCaretIn3ButNotIn2() throws Exception {
        HttpResponse<byte[]> refused = server.get("/iiif/3/grid.png/0,0,100,100/200,/0/default.jpg");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("forecourt-error")).hasValue("bad_request");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("larger than the 100x100 region", "^200,");
        assertThat(image(server.get("/iiif/3/grid.png/0,0,100,100/%5E200,/0/default.jpg")).getWidth()).isEqualTo(200);
        assertThat(image(server.get("/iiif/2/grid.png/0,0,100,100/200,/0/default.jpg")).getWidth()).isEqualTo(200);
    }

    @Test
    void aParameterTheApiDoesNotTakeIsA400WhoseFixIsTheApisSyntaxNotHttps() throws Exception {
        HttpResponse<byte[]> refused = server.get("/iiif/3/grid.png/full/max/361/default.jpg");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("Likely fix: write the request as the"
                + " IIIF Image API has it, {region}/{size}/{rotation}/{quality}.{format}").doesNotContain("RFC 9112");
        HttpResponse<byte[]> badId = server.get("/iiif/3/a%01/info.json"); // an identifier: its encoding is the fix
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(new String(badId.body(), StandardCharsets.UTF_8)).contains("Likely fix: name an image the list at /"
                + " shows, by its identifier percent-encoded as UTF-8");
    }

    @Test
    void mirroringAndRotationAndQualities() throws Exception {
        BufferedImage mirrored = image(server.get("/iiif/3/grid.png/0,0,200,100/max/!0/default.png"));
        assertNear(Samples.colour(1, 0), mirrored.getRGB(10, 50));
        BufferedImage turned = image(server.get("/iiif/3/grid.png/0,0,200,100/max/90/default.png"));
        assertThat(turned.getWidth()).isEqualTo(100);
        assertThat(turned.getHeight()).isEqualTo(200);
        assertNear(Samples.colour(0, 0), turned.getRGB(50, 10));
        BufferedImage gray = image(server.get("/iiif/3/grid.png/300,200,100,100/max/0/gray.png"));
        Color g = new Color(gray.getRGB(50, 50));
        assertThat(g.getRed()).isEqualTo(g.getGreen()).isEqualTo(g.getBlue());
        BufferedImage bitonal = image(server.get("/iiif/3/grid.png/full/max/0/bitonal.png"));
        int v = new Color(bitonal.getRGB(350, 250)).getRed();
        assertThat(v).isIn(0, 255);
        assertThat(image(server.get("/iiif/3/grid.png/full/200,/45/default.jpg")).getWidth()).isGreaterThan(200);
    }

    @Test
    void formatsAreWhatTheySayTheyAre() throws Exception {
        for (String f : new String[] {"png", "gif", "tif"}) {
            BufferedImage img = image(server.get("/iiif/3/grid.png/full/100,/0/default." + f));
            assertThat(img.getWidth()).as(f).isEqualTo(100);
        }
        HttpResponse<byte[]> pdf = server.get("/iiif/3/grid.png/full/100,/0/default.pdf");
        assertThat(pdf.headers().firstValue("content-type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 8, StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
    }

    @Test
    void anIdentifierMayHoldAnEncodedSlashButNeverLeavesTheDirectory() throws Exception {
        assertThat(image(server.get("/iiif/3/sub%2Fgrid.jpg/full/max/0/default.jpg")).getWidth()).isEqualTo(600);
        for (String id : new String[] {"..%2Fetc%2Fpasswd", "sub%2F..%2F..%2Fx", "nothing.jpg", "a%2Fb"}) {
            HttpResponse<byte[]> r = server.get("/iiif/3/" + id + "/info.json");
            assertThat(r.statusCode()).as(id).isEqualTo(404);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("not_found");
        }
        HttpResponse<byte[]> unescaped = server.get("/iiif/3/sub/grid.jpg/full/max/0/default.jpg");
        assertThat(unescaped.statusCode()).isEqualTo(404);
        assertThat(new String(unescaped.body(), StandardCharsets.UTF_8)).contains("%2F");
        assertThat(server.get("/iiif/3/bad%C3%28/info.json").statusCode()).isEqualTo(400);
    }

    @Test
    void aSymbolicLinkOutOfTheDirectoryIsNotFollowed() throws Exception {
        Path outside = Samples.write(Samples.grid(100, 100), dir.getParent().resolve("outside-" + dir.getFileName() + ".png"), "png");
        Files.createSymbolicLink(dir.resolve("link.png"), outside);
        assertThat(server.get("/iiif/3/link.png/info.json").statusCode()).isEqualTo(404);
        Files.delete(outside);
    }

    @Test
    void anImageDeclaringTooManyPixelsIsRefusedBeforeDecodingAndTheServerStaysUp() throws Exception {
        HttpResponse<byte[]> r = server.get("/iiif/3/huge.png/full/max/0/default.jpg");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("forecourt-error")).hasValue("image_too_large");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("100000x100000", "not decoded");
        assertThat(server.get("/iiif/3/huge.png/info.json").statusCode()).isEqualTo(422);
        assertThat(server.get("/iiif/3/grid.png/info.json").statusCode()).isEqualTo(200);
    }

    @Test
    void aFileThatIsNotAnImageIsAnErrorNotACrash() throws Exception {
        HttpResponse<byte[]> r = server.get("/iiif/3/broken.jpg/full/max/0/default.jpg");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("could not be read");
        assertThat(server.get("/iiif/3/grid.png/info.json").statusCode()).isEqualTo(200);
    }

    @Test
    void validatorsGive304AndHeadHasALengthButNoBody() throws Exception {
        String path = "/iiif/3/grid.png/full/200,/0/default.jpg";
        HttpResponse<byte[]> r = server.get(path);
        String etag = r.headers().firstValue("etag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(r.headers().firstValue("cache-control")).hasValue("public, max-age=86400");
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
        String modified = r.headers().firstValue("last-modified").orElseThrow();
        assertThat(server.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(server.get(path, "If-None-Match", "W/" + etag + ", \"other\"").statusCode()).isEqualTo(304);
        assertThat(server.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(server.get(path, "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        assertThat(server.get(path, "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> head = server.send("HEAD", path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
        assertThat(head.headers().firstValue("etag")).hasValue(etag);
        String info = "/iiif/3/grid.png/info.json";
        String infoTag = server.get(info).headers().firstValue("etag").orElseThrow();
        assertThat(server.get(info, "If-None-Match", infoTag).statusCode()).isEqualTo(304);
    }

    @Test
    void linksNameTheCanonicalSizeDeliveredAndTheProfile() throws Exception {
        HttpResponse<byte[]> r = server.get("/iiif/3/grid.png/pct:10,10,50,50/pct:50/0/default.jpg");
        assertThat(r.headers().firstValue("link").orElseThrow()).isEqualTo("<" + server.url("/iiif/3/grid.png")
                + "/100,80,500,400/250,200/0/default.jpg>;rel=\"canonical\", <http://iiif.io/api/image/3/level2.json>;rel=\"profile\"");
        HttpResponse<byte[]> v2 = server.get("/iiif/2/grid.png/full/full/0/default.jpg");
        assertThat(v2.headers().firstValue("link").orElseThrow()).contains("/iiif/2/grid.png/full/full/0/default.jpg>;rel=\"canonical\"");
    }

    @Test
    void corsForEveryAnswerAndPreflight() throws Exception {
        assertThat(server.get("/iiif/3/grid.png/info.json").headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(server.get("/iiif/3/nothing/info.json").headers().firstValue("access-control-allow-origin")).hasValue("*");
        HttpResponse<byte[]> pre = server.send("OPTIONS", "/iiif/3/grid.png/info.json", "Origin", "https://viewer.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "range");
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("access-control-allow-headers")).hasValue("range");
        HttpResponse<byte[]> delete = server.send("DELETE", "/iiif/3/grid.png/info.json");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(delete.headers().firstValue("forecourt-error")).hasValue("method_not_allowed");
    }

    @Test
    void infoJsonBothVersionsAndTheRedirect() throws Exception {
        HttpResponse<byte[]> v3 = server.get("/iiif/3/grid.png/info.json");
        String json = new String(v3.body(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"id\" : \"" + server.url("/iiif/3/grid.png") + "\"", "\"type\" : \"ImageService3\"",
                "\"width\" : 1000", "\"height\" : 800", "\"maxArea\"", "\"scaleFactors\"", "\"sizes\"");
        assertThat(v3.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(server.get("/iiif/3/grid.png/info.json", "Accept", "application/ld+json").headers()
                .firstValue("content-type")).hasValue("application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"");
        String v2 = new String(server.get("/iiif/2/grid.png/info.json").body(), StandardCharsets.UTF_8);
        assertThat(v2).contains("\"@id\" : \"" + server.url("/iiif/2/grid.png") + "\"", "level2.json", "\"qualities\"");
        HttpResponse<byte[]> redirect = server.get("/iiif/3/grid.png");
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("location")).hasValue(server.url("/iiif/3/grid.png/info.json"));
    }

    @Test
    void pagesAndHealth() throws Exception {
        String health = new String(server.get("/health").body(), StandardCharsets.UTF_8);
        assertThat(health).startsWith("ok").contains(engine().name().split(" ")[0]);
        String index = new String(server.get("/").body(), StandardCharsets.UTF_8);
        // relative links: the pages work under a prefix a hop in front adds (an API's /api/{proxy+})
        assertThat(index).contains("href=\"./view/grid.png\"", "href=\"./view/sub%2Fgrid.jpg\"",
                "src=\"./iiif/3/grid.png/full/!200,200/0/default.jpg\"");
        HttpResponse<byte[]> view = server.get("/view/grid.png");
        assertThat(new String(view.body(), StandardCharsets.UTF_8)).contains("OpenSeadragon",
                "src=\"../static/openseadragon/openseadragon.min.js\"", "tileSources: [\"../iiif/3/grid.png/info.json\"]");
        assertThat(new String(server.get("/view/sub/grid.jpg").body(), StandardCharsets.UTF_8))
                .contains("src=\"../../static/openseadragon/openseadragon.min.js\"", "\"../../iiif/3/sub%2Fgrid.jpg/info.json\"");
        assertThat(server.get("/view/nothing.png").statusCode()).isEqualTo(404);
        assertThat(server.get("/nothing").headers().firstValue("forecourt-error")).hasValue("not_found");
    }
}
