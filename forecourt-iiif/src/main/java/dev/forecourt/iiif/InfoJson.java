package dev.forecourt.iiif;

import dev.forecourt.iiif.imaging.SourceInfo;
import dev.forecourt.iiif.request.ApiVersion;
import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.OutputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The image information document ({@code info.json}) of Image API 3.0 and 2.1. */
final class InfoJson {
    private static final List<String> FEATURES = List.of("baseUriRedirect", "canonicalLinkHeader", "cors",
            "jsonldMediaType", "mirroring", "profileLinkHeader", "regionByPct", "regionByPx", "regionSquare",
            "rotationArbitrary", "rotationBy90s", "sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh");
    private static final List<String> QUALITIES = List.of("default", "color", "gray", "bitonal");

    private InfoJson() {}

    static byte[] of(ApiVersion version, String id, SourceInfo info, OutputLimits limits, int tile, Set<Format> formats) {
        PrettyJson g = new PrettyJson().startObject();
        g.name("@context").string(version.context());
        if (version == ApiVersion.V3) {
            g.name("id").string(id);
            g.name("type").string("ImageService3");
            g.name("protocol").string("http://iiif.io/api/image");
            g.name("profile").string("level2");
        } else {
            g.name("@id").string(id);
            g.name("protocol").string("http://iiif.io/api/image");
        }
        g.name("width").number(info.width());
        g.name("height").number(info.height());
        if (version == ApiVersion.V3) {
            limits(g, limits);
        }
        g.name("sizes").startArray();
        for (int[] s : sizes(info, limits)) {
            g.startObject().name("width").number(s[0]).name("height").number(s[1]).endObject();
        }
        g.endArray();
        g.name("tiles").startArray().startObject();
        g.name("width").number(tile);
        g.name("height").number(tile);
        g.name("scaleFactors").startArray();
        for (int f = 1; ; f *= 2) {
            g.number(f);
            if ((long) tile * f >= Math.max(info.width(), info.height())) {
                break;
            }
        }
        g.endArray().endObject().endArray();
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
            g.name("profile").startArray().string(version.profile()).startObject();
            List<String> all = new ArrayList<>(List.of("jpg"));
            all.addAll(extraFormats);
            strings(g, "formats", all);
            strings(g, "qualities", QUALITIES);
            List<String> supports = new ArrayList<>(FEATURES);
            supports.add("sizeAboveFull");
            supports.add("sizeByDistortedWh");
            strings(g, "supports", supports);
            limits(g, limits);
            g.endObject().endArray();
        }
        return g.endObject().bytes();
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

    private static void limits(PrettyJson g, OutputLimits limits) {
        g.name("maxWidth").number(limits.maxWidth());
        g.name("maxHeight").number(limits.maxHeight());
        g.name("maxArea").number(limits.maxArea());
    }

    private static void strings(PrettyJson g, String name, List<String> values) {
        g.name(name).startArray();
        for (String v : values) {
            g.string(v);
        }
        g.endArray();
    }
}
