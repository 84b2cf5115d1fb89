package dev.forecourt.iiif;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.forecourt.iiif.imaging.SourceInfo;
import dev.forecourt.iiif.request.ApiVersion;
import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.OutputLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The image information document ({@code info.json}) of Image API 3.0 and 2.1. */
final class InfoJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> FEATURES = List.of("baseUriRedirect", "canonicalLinkHeader", "cors",
            "jsonldMediaType", "mirroring", "profileLinkHeader", "regionByPct", "regionByPx", "regionSquare",
            "rotationArbitrary", "rotationBy90s", "sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh");
    private static final List<String> QUALITIES = List.of("default", "color", "gray", "bitonal");

    private InfoJson() {}

    static byte[] of(ApiVersion version, String id, SourceInfo info, OutputLimits limits, int tile, Set<Format> formats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("@context", version.context());
            if (version == ApiVersion.V3) {
                g.writeStringField("id", id);
                g.writeStringField("type", "ImageService3");
                g.writeStringField("protocol", "http://iiif.io/api/image");
                g.writeStringField("profile", "level2");
            } else {
                g.writeStringField("@id", id);
                g.writeStringField("protocol", "http://iiif.io/api/image");
            }
            g.writeNumberField("width", info.width());
            g.writeNumberField("height", info.height());
            if (version == ApiVersion.V3) {
                limits(g, limits);
            }
            g.writeArrayFieldStart("sizes");
            for (int[] s : sizes(info, limits)) {
                g.writeStartObject();
                g.writeNumberField("width", s[0]);
                g.writeNumberField("height", s[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tiles");
            g.writeStartObject();
            g.writeNumberField("width", tile);
            g.writeNumberField("height", tile);
            g.writeArrayFieldStart("scaleFactors");
            for (int f = 1; ; f *= 2) {
                g.writeNumber(f);
                if ((long) tile * f >= Math.max(info.width(), info.height())) {
                    break;
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            List<String> extraFormats = new ArrayList<>();
            for (Format f : formats) {
                if (f != Format.JPG && (version == ApiVersion.V2 || f != Format.PNG)) {
                    extraFormats.add(f.extension());
                }
            }
            if (version == ApiVersion.V3) {
                strings(g, "extraQualities", QUALITIES.subList(1, QUALITIES.size()));
                strings(g, "extraFormats", extraFormats);
                List<String> features = new ArrayList<>(FEATURES);
                features.add("sizeUpscaling");
                strings(g, "extraFeatures", features);
            } else {
                g.writeArrayFieldStart("profile");
                g.writeString(version.profile());
                g.writeStartObject();
                List<String> all = new ArrayList<>(List.of("jpg"));
                all.addAll(extraFormats);
                strings(g, "formats", all);
                strings(g, "qualities", QUALITIES);
                List<String> supports = new ArrayList<>(FEATURES);
                supports.add("sizeAboveFull");
                supports.add("sizeByDistortedWh");
                strings(g, "supports", supports);
                limits(g, limits);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Whole-image sizes that are cheap to make (one per power of two, down to about 64 pixels), smallest first. */
    private static List<int[]> sizes(SourceInfo info, OutputLimits limits) {
        List<int[]> sizes = new ArrayList<>();
        for (int f = 1; f <= 1 << 16; f *= 2) {
            int w = (int) Math.ceil((double) info.width() / f);
            int h = (int) Math.ceil((double) info.height() / f);
            if (limits.maxWidth() >= w && limits.maxHeight() >= h && limits.maxArea() >= (long) w * h) {
                sizes.addFirst(new int[] {w, h});
            }
            if (Math.max(w, h) <= 64) {
                break;
            }
        }
        return sizes;
    }

    private static void limits(JsonGenerator g, OutputLimits limits) throws IOException {
        g.writeNumberField("maxWidth", limits.maxWidth());
        g.writeNumberField("maxHeight", limits.maxHeight());
        g.writeNumberField("maxArea", limits.maxArea());
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
