package dev.forecourt.iiif.request;

/**
 * The size parameter. {@code upscale} is 3.0's {@code ^}; in 2.1 every size may upscale (its sizeAboveFull).
 */
public record Size(Kind kind, int w, int h, double pct, boolean upscale) {
    public enum Kind { MAX, WIDTH, HEIGHT, PERCENT, EXACT, CONFINED }

    private static final String ALLOWED_3 = "max, w,, ,h, pct:n, w,h or !w,h, each optionally after ^";
    private static final String ALLOWED_2 = "full, max, w,, ,h, pct:n, w,h or !w,h";

    public static Size parse(String s, ApiVersion version) throws IiifException {
        String allowed = version == ApiVersion.V3 ? ALLOWED_3 : ALLOWED_2;
        boolean up = version == ApiVersion.V2;
        String body = s;
        if (version == ApiVersion.V3 && s.startsWith("^")) {
            up = true;
            body = s.substring(1);
        }
        if (body.equals("max") || (version == ApiVersion.V2 && body.equals("full"))) {
            return new Size(Kind.MAX, 0, 0, 0, up);
        }
        if (body.startsWith("pct:")) {
            double p = Numbers.decimal(body.substring(4), "size", s);
            if (p <= 0) {
                throw IiifException.bad("size '" + s + "' asks for 0%");
            }
            return new Size(Kind.PERCENT, 0, 0, p, up);
        }
        boolean confined = body.startsWith("!");
        String dims = confined ? body.substring(1) : body;
        int comma = dims.indexOf(',');
        if (comma < 0 || dims.indexOf(',', comma + 1) >= 0) {
            throw IiifException.bad("size '" + s + "' is not one of " + allowed);
        }
        String ws = dims.substring(0, comma);
        String hs = dims.substring(comma + 1);
        if (confined && (ws.isEmpty() || hs.isEmpty())) {
            throw IiifException.bad("size '" + s + "': !w,h needs both a width and a height");
        }
        if (ws.isEmpty() && hs.isEmpty()) {
            throw IiifException.bad("size '" + s + "' is not one of " + allowed);
        }
        int w = ws.isEmpty() ? 0 : Numbers.integer(ws, "size", s, allowed);
        int h = hs.isEmpty() ? 0 : Numbers.integer(hs, "size", s, allowed);
        if ((!ws.isEmpty() && w == 0) || (!hs.isEmpty() && h == 0)) {
            throw IiifException.bad("size '" + s + "' asks for a zero width or height");
        }
        Kind kind = confined ? Kind.CONFINED : ws.isEmpty() ? Kind.HEIGHT : hs.isEmpty() ? Kind.WIDTH : Kind.EXACT;
        return new Size(kind, w, h, 0, up);
    }

    /** The output width and height for a region of {@code rw x rh}, or a 400 saying why there is none. */
    public int[] of(int rw, int rh, OutputLimits limits) throws IiifException {
        long w, h;
        switch (kind) {
            case MAX -> {
                // ^max is max: upscaling is asked for with dimensions (^w,h, ^pct:n), never invented to fill limits
                double s = limits.fit(rw, rh, 1.0);
                if (s >= 1.0) {
                    return new int[] {rw, rh};
                }
                w = Math.max(1, (long) Math.floor(rw * s + 1e-9));
                h = Math.max(1, (long) Math.floor(rh * s + 1e-9));
                return new int[] {(int) w, (int) h};
            }
            case WIDTH -> {
                w = this.w;
                h = Math.max(1, Math.round((double) rh * this.w / rw));
            }
            case HEIGHT -> {
                h = this.h;
                w = Math.max(1, Math.round((double) rw * this.h / rh));
            }
            case PERCENT -> {
                w = Math.round(rw * pct / 100.0);
                h = Math.round(rh * pct / 100.0);
            }
            case EXACT -> {
                w = this.w;
                h = this.h;
            }
            case CONFINED -> {
                double s = Math.min((double) this.w / rw, (double) this.h / rh);
                if (!upscale) {
                    s = Math.min(s, 1.0);
                }
                w = Math.max(1, Math.min(this.w, Math.round(rw * s)));
                h = Math.max(1, Math.min(this.h, Math.round(rh * s)));
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (w < 1 || h < 1) {
            throw IiifException.bad("size " + text() + " of a " + rw + "x" + rh + " region is less than one pixel");
        }
        if (!upscale && (w > rw || h > rh)) {
            throw new IiifException(dev.forecourt.http.ErrorType.BAD_REQUEST,
                    "size " + text() + " is " + w + "x" + h + ", larger than the " + rw + "x" + rh + " region",
                    "write ^" + text() + " to ask for upscaling (Image API 3.0), or ask for max.");
        }
        if (!limits.allows(w, h)) {
            throw IiifException.bad("size " + text() + " is " + w + "x" + h + ", beyond this service's limits (maxWidth "
                    + limits.maxWidth() + ", maxHeight " + limits.maxHeight() + ", maxArea " + limits.maxArea() + ")");
        }
        return new int[] {(int) w, (int) h};
    }

    private String text() {
        return switch (kind) {
            case MAX -> "max";
            case WIDTH -> w + ",";
            case HEIGHT -> "," + h;
            case PERCENT -> "pct:" + Numbers.text(pct);
            case EXACT -> w + "," + h;
            case CONFINED -> "!" + w + "," + h;
        };
    }
}
