package dev.forecourt.edge.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The size syntax of the configuration and the command line: bytes, or a number and a unit ({@code 64KiB}, {@code 2GB}). */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?");

    private ByteSize() {}

    /** Bytes, or -1 if it doesn't parse (or overflows). */
    public static long parse(String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches() || m.group(1).length() > 15) {
            return -1;
        }
        long v = Long.parseLong(m.group(1));
        long mult = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            case "KB" -> 1000L;
            case "MB" -> 1000_000L;
            case "GB" -> 1000_000_000L;
            case "TB" -> 1000_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(v, mult);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Bytes in the largest binary unit that writes them whole ({@code 256MiB}). */
    public static String binary(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
