package dev.forecourt.edge.observe;

import java.time.Instant;

/** The facts of one request, as the access log sees them. */
record LogEntry(Instant time, String client, String hop, String host, String method, String path, String protocol,
                int status, long bytes, double durationMs, String upstream, Double upstreamMs, String error,
                String requestId, String traceId, String route, String userAgent, String resultType,
                String detailedResultType, Double timeToFirstByteMs) {

    Object value(LogField f) {
        return switch (f) {
            case TIME -> time.toString();
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
        };
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
