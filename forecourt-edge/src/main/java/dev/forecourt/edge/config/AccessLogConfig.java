package dev.forecourt.edge.config;

/**
 * One line per request: {@code format} is a template of {@code $field} names, or {@code json} for one JSON object
 * per line; {@code path} is a file, or {@code stdout}. The default format names the hop, since several hops may
 * write to one stdout.
 */
public record AccessLogConfig(boolean enabled, String format, String path) {

    public static final String DEFAULT_FORMAT =
            "$time $hop $client \"$method $host$path $protocol\" $status $bytes $duration_ms $upstream $upstream_ms $error $request_id";
    public static final AccessLogConfig DEFAULT = new AccessLogConfig(true, DEFAULT_FORMAT, "stdout");
    public static final AccessLogConfig OFF = new AccessLogConfig(false, DEFAULT_FORMAT, "stdout");
}
