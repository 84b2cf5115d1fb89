package dev.forecourt.iiif.request;

/**
 * What the imaging engine must do: cut {@code x,y,w,h} from the full-resolution image, scale it to
 * {@code outW x outH}, mirror and turn it, apply the quality, encode it. {@code canonical} is the request's
 * canonical {@code region/size/rotation/quality.format}, naming the size actually delivered.
 */
public record Plan(int x, int y, int w, int h, int outW, int outH, Rotation rotation, Quality quality, Format format,
                   String canonical) {

    /** How much smaller the output is than the region (1 = same size, 4 = a quarter). */
    public double reduction() {
        return Math.min((double) w / outW, (double) h / outH);
    }
}
