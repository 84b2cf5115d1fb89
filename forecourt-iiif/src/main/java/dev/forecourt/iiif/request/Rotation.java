package dev.forecourt.iiif.request;

/** The rotation parameter: mirror first (about the vertical axis), then turn clockwise by {@code degrees}. */
public record Rotation(boolean mirror, double degrees) {
    public static final Rotation NONE = new Rotation(false, 0);

    public static Rotation parse(String s) throws IiifException {
        boolean mirror = s.startsWith("!");
        String n = mirror ? s.substring(1) : s;
        double d = Numbers.decimal(n, "rotation", s);
        if (d > 360) {
            throw IiifException.bad("rotation '" + s + "' is over 360 degrees");
        }
        return new Rotation(mirror, d == 360 ? 0 : d);
    }

    /** True when the turn is a multiple of 90 degrees (no background to fill). */
    public boolean square() {
        return degrees % 90 == 0;
    }

    public String canonical() {
        return (mirror ? "!" : "") + Numbers.text(degrees);
    }
}
