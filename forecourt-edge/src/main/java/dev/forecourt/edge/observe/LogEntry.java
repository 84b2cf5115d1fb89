package dev.forecourt.edge.observe;

import dev.forecourt.edge.Attribute;
import dev.forecourt.http.TimeText;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;

/** The facts of one request, as the access log sees them. */
record LogEntry(Instant time, String client, String hop, String host, String method, String path, String protocol,
                int status, long bytes, double durationMs, String upstream, Double upstreamMs, String error,
                String requestId, String traceId, String route, String userAgent, String resultType,
                String detailedResultType, Double timeToFirstByteMs, String referer, String scheme,
                Integer clientPort, Function<Attribute<?>, Object> attributes) {
    private static final ZoneId ZONE = ZoneId.systemDefault();
    /** nginx's {@code $time_local}: this machine's zone, English month names. */
    private static final SecondText LOCAL = new SecondText(t -> TimeText.common(t, ZONE));
    private static final SecondText DAY = new SecondText(TimeText::day);
    private static final SecondText CLOCK = new SecondText(TimeText::clock);

    Object value(LogField f) {
        return switch (f) {
            case TIME -> TimeText.iso(time);
            case CLIENT -> client;
            case HOP -> hop;
            case HOST -> host;
            case METHOD -> method;
            case PATH -> path;
            case PROTOCOL -> protocol;
            case STATUS -> status;
            case BYTES -> bytes;
            case DURATION_MS -> round(durationMs);
            case UPSTREAM -> upstream;
            case UPSTREAM_MS -> upstreamMs == null ? null : round(upstreamMs);
            case ERROR -> error;
            case REQUEST_ID -> requestId;
            case TRACE_ID -> traceId;
            case ROUTE -> route;
            case USER_AGENT -> userAgent;
            case RESULT_TYPE -> resultType;
            case DETAILED_RESULT_TYPE -> detailedResultType;
            case TIME_TO_FIRST_BYTE -> timeToFirstByteMs == null ? null : round(timeToFirstByteMs / 1000);
            case REFERER -> referer;
            case TIME_LOCAL -> LOCAL.of(time);
            case DATE -> DAY.of(time);
            case TIME_OF_DAY -> CLOCK.of(time);
            case URI_STEM -> path == null ? null : path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
            case QUERY -> path == null || path.indexOf('?') < 0 ? null : path.substring(path.indexOf('?') + 1);
            case SCHEME -> scheme;
            case TIME_TAKEN -> round(durationMs / 1000);
            case CLIENT_PORT -> clientPort;
        };
    }

    /** A field a role registered: what its stages set on the exchange (null on a line the wire refused). */
    Object value(Attribute<?> a) {
        return attributes == null ? null : attributes.apply(a);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
