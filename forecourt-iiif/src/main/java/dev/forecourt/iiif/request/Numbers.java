package dev.forecourt.iiif.request;

/** The number syntax of the Image API: plain non-negative integers and decimals, no signs, no exponents. */
final class Numbers {
    private Numbers() {}

    static int[] integers(String s, int count, String param, String whole, String allowed) throws IiifException {
        String[] parts = s.split(",", -1);
        if (parts.length != count) {
            throw IiifException.bad(param + " '" + whole + "' is not one of " + allowed);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = integer(parts[i], param, whole, allowed);
        }
        return out;
    }

    static int integer(String s, String param, String whole, String allowed) throws IiifException {
        if (s.isEmpty() || s.length() > 9) {
            throw IiifException.bad(param + " '" + whole + "' is not one of " + allowed
                    + (s.length() > 9 ? " (numbers up to 999999999)" : ""));
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw IiifException.bad(param + " '" + whole + "' is not one of " + allowed);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static double[] decimals(String s, int count, String param, String whole) throws IiifException {
        String[] parts = s.split(",", -1);
        if (parts.length != count) {
            throw IiifException.bad(param + " '" + whole + "' needs " + count + " comma-separated numbers");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = decimal(parts[i], param, whole);
        }
        return out;
    }

    /** The longest decimal read: bounds the parse, and leaves room for any precision a double holds. */
    private static final int DECIMAL_MAX = 40;

    /** A decimal such as {@code 12}, {@code 12.5} or {@code .5}; no sign, no exponent. */
    static double decimal(String s, String param, String whole) throws IiifException {
        if (s.length() > DECIMAL_MAX) {
            throw IiifException.bad(param + " '" + whole + "': '" + s + "' has more than " + DECIMAL_MAX
                    + " characters (a number's digits beyond a double's 17 change nothing)");
        }
        boolean digits = false;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                digits = false;
                break;
            }
        }
        if (!digits) {
            throw IiifException.bad(param + " '" + whole + "': '" + s + "' is not a decimal number");
        }
        return Double.parseDouble(s);
    }

    /** A decimal without a trailing {@code .0}, as canonical URIs print them. */
    static String text(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
