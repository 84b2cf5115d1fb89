package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.SourceInfo;
import dev.forecourt.iiif.request.ApiVersion;
import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.OutputLimits;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** info.json byte for byte as Jackson's pretty printer wrote it (these answers were taken from a server running it). */
class InfoJsonTest {
    private static final SourceInfo PNG = new SourceInfo(1024, 768, List.of(new SourceInfo.Level(1024, 768, 0)), "png");

    private static String of(ApiVersion version, String id) {
        return new String(InfoJson.of(version, id, PNG, OutputLimits.DEFAULT, 256, EnumSet.allOf(Format.class)),
                StandardCharsets.UTF_8);
    }

    @Test
    void version3() {
        assertThat(of(ApiVersion.V3, "http://127.0.0.1:18298/iiif/3/sample.png")).isEqualTo(V3 + "\n");
    }

    @Test
    void version2() {
        assertThat(of(ApiVersion.V2, "http://127.0.0.1:18298/iiif/2/sample.png")).isEqualTo(V2 + "\n");
    }

    /** The sizes and tiles, the same in both versions' answers. */
    private static final String SIZES_AND_TILES = """
            "sizes" : [ {
              "width" : 64,
              "height" : 48
            }, {
              "width" : 128,
              "height" : 96
            }, {
              "width" : 256,
              "height" : 192
            }, {
              "width" : 512,
              "height" : 384
            }, {
              "width" : 1024,
              "height" : 768
            } ],
            "tiles" : [ {
              "width" : 256,
              "height" : 256,
              "scaleFactors" : [ 1, 2, 4 ]
            } ],
            """.indent(2);

    private static final String V3 = """
                {
                  "@context" : "http://iiif.io/api/image/3/context.json",
                  "id" : "http://127.0.0.1:18298/iiif/3/sample.png",
                  "type" : "ImageService3",
                  "protocol" : "http://iiif.io/api/image",
                  "profile" : "level2",
                  "width" : 1024,
                  "height" : 768,
                  "maxWidth" : 10000,
                  "maxHeight" : 10000,
                  "maxArea" : 25000000,
                %s  "extraQualities" : [ "color", "gray", "bitonal" ],
                  "extraFormats" : [ "webp", "tif", "gif", "jp2", "pdf" ],
                  "extraFeatures" : [ "baseUriRedirect", "canonicalLinkHeader", "cors", "jsonldMediaType", "mirroring", "profileLinkHeader", "regionByPct", "regionByPx", "regionSquare", "rotationArbitrary", "rotationBy90s", "sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh", "sizeUpscaling" ]
                }""".formatted(SIZES_AND_TILES);

    private static final String V2 = """
                {
                  "@context" : "http://iiif.io/api/image/2/context.json",
                  "@id" : "http://127.0.0.1:18298/iiif/2/sample.png",
                  "protocol" : "http://iiif.io/api/image",
                  "width" : 1024,
                  "height" : 768,
                %s  "profile" : [ "http://iiif.io/api/image/2/level2.json", {
                    "formats" : [ "jpg", "png", "webp", "tif", "gif", "jp2", "pdf" ],
                    "qualities" : [ "default", "color", "gray", "bitonal" ],
                    "supports" : [ "baseUriRedirect", "canonicalLinkHeader", "cors", "jsonldMediaType", "mirroring", "profileLinkHeader", "regionByPct", "regionByPx", "regionSquare", "rotationArbitrary", "rotationBy90s", "sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh", "sizeAboveFull", "sizeByDistortedWh" ],
                    "maxWidth" : 10000,
                    "maxHeight" : 10000,
                    "maxArea" : 25000000
                  } ]
                }""".formatted(SIZES_AND_TILES);
}
