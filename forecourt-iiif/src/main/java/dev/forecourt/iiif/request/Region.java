package dev.forecourt.iiif.request;

/** The region parameter: which part of the image, before any scaling. */
public sealed interface Region {
    record Full() implements Region {}

    record Square() implements Region {}

    record Pixels(int x, int y, int w, int h) implements Region {}

    record Percent(double x, double y, double w, double h) implements Region {}

    Full FULL = new Full();

    static Region parse(String s) throws IiifException {
        switch (s) {
            case "full":
                return FULL;
            case "square":
                return new Square();
            default:
        }
        if (s.startsWith("pct:")) {
            double[] v = Numbers.decimals(s.substring(4), 4, "region", s);
            if (v[2] <= 0 || v[3] <= 0) {
                throw IiifException.bad("region '" + s + "' has a zero width or height");
            }
            return new Percent(v[0], v[1], v[2], v[3]);
        }
        int[] v = Numbers.integers(s, 4, "region", s,
                "full, square, x,y,w,h or pct:x,y,w,h");
        if (v[2] == 0 || v[3] == 0) {
            throw IiifException.bad("region '" + s + "' has a zero width or height");
        }
        return new Pixels(v[0], v[1], v[2], v[3]);
    }

    /** This region on an image of {@code width x height}: x, y, w, h, clipped to the image. */
    default int[] on(int width, int height) throws IiifException {
        int x, y, w, h;
        switch (this) {
            case Full f -> {
                return new int[] {0, 0, width, height};
            }
            case Square q -> {
                int side = Math.min(width, height);
                return new int[] {(width - side) / 2, (height - side) / 2, side, side};
            }
            case Pixels p -> {
                x = p.x();
                y = p.y();
                w = p.w();
                h = p.h();
            }
            case Percent p -> {
                x = (int) Math.floor(p.x() * width / 100.0);
                y = (int) Math.floor(p.y() * height / 100.0);
                w = (int) Math.round(p.w() * width / 100.0);
                h = (int) Math.round(p.h() * height / 100.0);
            }
        }
        if (x >= width || y >= height) {
            throw IiifException.bad("region " + this.text() + " starts outside the image, which is "
                    + width + "x" + height);
        }
        w = (int) Math.min((long) w, width - x);
        h = (int) Math.min((long) h, height - y);
        if (w <= 0 || h <= 0) {
            throw IiifException.bad("region " + this.text() + " is less than one pixel of a " + width + "x" + height + " image");
        }
        return new int[] {x, y, w, h};
    }

    private String text() {
        return switch (this) {
            case Full f -> "full";
            case Square q -> "square";
            case Pixels p -> p.x() + "," + p.y() + "," + p.w() + "," + p.h();
            case Percent p -> "pct:" + Numbers.text(p.x()) + "," + Numbers.text(p.y()) + ","
                    + Numbers.text(p.w()) + "," + Numbers.text(p.h());
        };
    }
}
