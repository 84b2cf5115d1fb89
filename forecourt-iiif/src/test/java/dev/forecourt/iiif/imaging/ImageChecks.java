package dev.forecourt.iiif.imaging;

import java.awt.image.BufferedImage;

/** What the tests measure of an image: the quality a JPEG was encoded at, and how close two images are. */
public final class ImageChecks {
    private ImageChecks() {}

    /** The first value of the JPEG's first quantisation table (DQT): the DC step, which the quality sets. */
    public static int firstLumaStep(byte[] jpeg) {
        for (int i = 2; i + 5 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xdb) {
                return jpeg[i + 5] & 0xff;
            }
        }
        throw new AssertionError("no quantisation table");
    }

    /** The PSNR in dB of {@code a} against {@code b}, over R, G and B; both the same size. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new AssertionError(a.getWidth() + "x" + a.getHeight() + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = (p >> shift & 0xff) - (q >> shift & 0xff);
                    sum += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 * 3 * a.getWidth() * a.getHeight() / Math.max(sum, 1e-9));
    }
}
