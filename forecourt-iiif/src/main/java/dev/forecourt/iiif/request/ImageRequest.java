package dev.forecourt.iiif.request;

/**
 * One image request as written in the URL: {@code {region}/{size}/{rotation}/{quality}.{format}}, parsed but not
 * yet applied to an image ({@link #plan} does that, once the image's size is known).
 */
public record ImageRequest(ApiVersion version, Region region, Size size, Rotation rotation, Quality quality,
                           Format format) {

    public static ImageRequest parse(ApiVersion version, String region, String size, String rotation,
                                     String qualityFormat) throws IiifException {
        int dot = qualityFormat.lastIndexOf('.');
        if (dot <= 0 || dot == qualityFormat.length() - 1) {
            throw IiifException.bad("'" + qualityFormat + "' is not {quality}.{format}, such as default.jpg");
        }
        return new ImageRequest(version, Region.parse(region), Size.parse(size, version), Rotation.parse(rotation),
                Quality.parse(qualityFormat.substring(0, dot)), Format.parse(qualityFormat.substring(dot + 1)));
    }

    /** Applies the request to an image of {@code width x height}: what to cut, how large to make it, its canonical name. */
    public Plan plan(int width, int height, OutputLimits limits) throws IiifException {
        int[] r = region.on(width, height);
        int[] out = size.of(r[2], r[3], limits);
        return new Plan(r[0], r[1], r[2], r[3], out[0], out[1], rotation, quality, format,
                canonical(width, height, r, out, limits));
    }

    private String canonical(int width, int height, int[] r, int[] out, OutputLimits limits) throws IiifException {
        boolean whole = r[0] == 0 && r[1] == 0 && r[2] == width && r[3] == height;
        String regionText = whole ? "full" : r[0] + "," + r[1] + "," + r[2] + "," + r[3];
        String sizeText;
        if (version == ApiVersion.V3) {
            int[] max = new Size(Size.Kind.MAX, 0, 0, 0, false).of(r[2], r[3], limits);
            boolean isMax = max[0] == out[0] && max[1] == out[1];
            sizeText = isMax ? "max" : (out[0] > r[2] || out[1] > r[3] ? "^" : "") + out[0] + "," + out[1];
        } else if (out[0] == r[2] && out[1] == r[3]) {
            sizeText = "full";
        } else {
            long keptH = Math.max(1, Math.round((double) r[3] * out[0] / r[2]));
            sizeText = keptH == out[1] ? out[0] + "," : out[0] + "," + out[1];
        }
        return regionText + "/" + sizeText + "/" + rotation.canonical() + "/" + quality.text() + "." + format.extension();
    }
}
