package dev.forecourt.iiif.request;

/**
 * The largest image the service will make, as info.json declares it ({@code maxWidth}, {@code maxHeight},
 * {@code maxArea}). {@code max} sizes shrink to fit; explicit sizes beyond it are refused.
 */
public record OutputLimits(int maxWidth, int maxHeight, long maxArea) {
    public static final OutputLimits DEFAULT = new OutputLimits(10_000, 10_000, 25_000_000L);

    public OutputLimits {
        if (maxWidth < 1 || maxHeight < 1 || maxArea < 1) {
            throw new IllegalArgumentException("output limits must be positive: " + maxWidth + "x" + maxHeight + ", area " + maxArea);
        }
    }

    boolean allows(long w, long h) {
        return w <= maxWidth && h <= maxHeight && w * h <= maxArea;
    }

    /** The largest scale (at most {@code cap}) at which a {@code w x h} region fits these limits. */
    double fit(int w, int h, double cap) {
        double s = Math.min(cap, Math.min((double) maxWidth / w, (double) maxHeight / h));
        s = Math.min(s, Math.sqrt((double) maxArea / ((double) w * h)));
        return s;
    }
}
