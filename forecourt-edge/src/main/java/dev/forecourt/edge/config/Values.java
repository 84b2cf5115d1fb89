package dev.forecourt.edge.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value syntaxes of the configuration: durations ({@code 5s}, {@code 250ms}), sizes ({@code 64KiB}), addresses. */
public final class Values {
    private Values() {}

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    /** Null if it doesn't parse. */
    public static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> v * 86_400_000;
        };
        return Duration.ofMillis((long) ms);
    }

    /** Bytes, or -1 if it doesn't parse. */
    public static long size(String s) {
        return dev.forecourt.edge.config.ByteSize.parse(s);
    }

    /** Null if {@code host:port} is well formed, else why not. */
    public static String addressProblem(String s, boolean portRequired) {
        int colon = s.lastIndexOf(':');
        int bracket = s.lastIndexOf(']');
        if (colon <= bracket) {
            return portRequired ? "'" + s + "' needs a port (host:port)" : (s.isEmpty() ? "the host is empty" : null);
        }
        if (colon == 0) {
            return "'" + s + "' has no host (write 127.0.0.1:PORT or 0.0.0.0:PORT)";
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                return "port " + port + " is out of range 0-65535";
            }
        } catch (NumberFormatException e) {
            return "'" + s.substring(colon + 1) + "' is not a port number";
        }
        return null;
    }

    /** A well-formed {@code host:port} (see {@link #addressProblem}) as a socket address. */
    public static java.net.InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new java.net.InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }
}
