package dev.forecourt.edge.observe;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The named fields an access log line can carry ({@code $name} in a format, keys in JSON). */
public enum LogField {
    TIME, CLIENT, HOP, HOST, METHOD, PATH, PROTOCOL, STATUS, BYTES, DURATION_MS, UPSTREAM, UPSTREAM_MS, ERROR,
    REQUEST_ID, TRACE_ID, ROUTE, USER_AGENT, RESULT_TYPE, DETAILED_RESULT_TYPE, TIME_TO_FIRST_BYTE,
    // what nginx's combined and the cloud's standard logs carry beyond the above
    REFERER, TIME_LOCAL, DATE, TIME_OF_DAY, URI_STEM, QUERY, SCHEME, TIME_TAKEN, CLIENT_PORT;

    private final String key = name().toLowerCase(Locale.ROOT); // once: a json line writes every key

    public String key() {
        return key;
    }

    public static LogField of(String key) {
        for (LogField f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(f -> "$" + f.key()).collect(Collectors.joining(", "));
    }
}
