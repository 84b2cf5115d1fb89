package dev.forecourt.edge.config;

import dev.forecourt.http.HostPort;
import dev.forecourt.http.RequestLine;
import java.net.InetSocketAddress;
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

    /** A URL path without a query, as a request line may carry it as is ({@link RequestLine}'s rules). */
    public static boolean isPath(String s) {
        return s.indexOf('?') < 0 && isPathAndQuery(s);
    }

    /** A URL path and maybe a query after a '?': what the listeners take in a request line, so what we send in one. */
    public static boolean isPathAndQuery(String s) {
        return RequestLine.targetProblem(s) == null;
    }

    /** Bytes, or -1 if it doesn't parse. */
    public static long size(String s) {
        return dev.forecourt.edge.config.ByteSize.parse(s);
    }

    /**
     * Null if {@code host:port} (the port required) or {@code host} is well formed, else why not. Port 0 is
     * accepted: these are listeners' addresses (0: any free port) and {@code resolve:} entries, which may name one.
     */
    public static String addressProblem(String s, boolean portRequired) {
        try {
            if (portRequired) {
                HostPort.parseWithPort(s, HostPort.Use.LISTEN);
            } else {
                HostPort.parse(s, null, HostPort.Use.LISTEN);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A well-formed {@code host:port} (see {@link #addressProblem}) as a socket address. */
    public static InetSocketAddress address(String s) {
        HostPort hp = HostPort.parseWithPort(s, HostPort.Use.LISTEN);
        return new InetSocketAddress(hp.host(), hp.port());
    }
}
