package dev.forecourt.edge.observe;

import dev.forecourt.edge.Attribute;
import dev.forecourt.http.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A compiled access log format: literal text and {@code $field} (or {@code ${field}}) references, the word
 * {@code json} for one JSON object per line with every field, or a named format ({@link #NAMED}).
 */
public final class LogFormat {
    private final boolean json;
    private final List<Object> parts; // String literals, LogFields and Attributes
    private final boolean namesAttributes;

    private LogFormat(boolean json, List<Object> parts) {
        this.json = json;
        this.parts = parts;
        this.namesAttributes = parts.stream().anyMatch(p -> p instanceof Attribute<?>);
    }

    /** Whether a line needs the exchange's attributes (a role's field): the others are made without them. */
    boolean namesAttributes() {
        return namesAttributes;
    }

    /**
     * The named formats. {@code combined} is nginx's (and Apache's) combined format; {@code cloudfront} is the cloud's
     * standard log fields, tab-separated in its order, {@code -} for what this edge does not have (cookies, the
     * request's size, TLS details, field-level encryption, the response's type and ranges).
     */
    public static final Map<String, String> NAMED = Map.of(
            "combined", "$client - - [$time_local] \"$method $path $protocol\" $status $bytes \"$referer\" \"$user_agent\"",
            "cloudfront", String.join("\t", "$date", "$time_of_day", "$hop", "$bytes", "$client", "$method", "$host",
                    "$uri_stem", "$status", "$referer", "$user_agent", "$query", "-", "$result_type", "$request_id",
                    "$host", "$scheme", "-", "$time_taken", "-", "-", "-", "$result_type", "$protocol", "-", "-",
                    "$client_port", "$time_to_first_byte", "$detailed_result_type", "-", "-", "-", "-"));

    /** Throws IllegalArgumentException naming the unknown field or format and the allowed ones. */
    public static LogFormat compile(String format) {
        if ("json".equals(format)) { // every field: the engine's, then those the roles registered
            List<Object> all = new ArrayList<>(List.of((Object[]) LogField.values()));
            all.addAll(Attribute.allLogged());
            return new LogFormat(true, List.copyOf(all));
        }
        if (NAMED.containsKey(format)) {
            return compile(NAMED.get(format));
        }
        if (format.indexOf('$') < 0) {
            // Without a field it would be the same text on every line: a format name mistyped, most likely.
            String near = Stream.concat(Stream.of("json"), NAMED.keySet().stream())
                    .filter(n -> n.equalsIgnoreCase(format.trim())).findFirst().orElse(null);
            throw new IllegalArgumentException("'" + format + "' is not a format name" + (near == null ? ""
                    : " (did you mean '" + near + "'?)") + "; names: json, combined, cloudfront; or a template"
                    + " of $fields: " + LogField.allowed());
        }
        List<Object> parts = LineTemplate.parse(format, key -> {
            Object f = LogField.of(key);
            if (f == null) {
                f = Attribute.loggedAs(key); // a field a role registered
            }
            if (f == null) {
                String roles = Attribute.loggedNames();
                throw new IllegalArgumentException("unknown access log field '$" + key + "'; allowed: " + LogField.allowed()
                        + (roles.isEmpty() ? "" : ", " + roles));
            }
            return f;
        });
        return new LogFormat(false, List.copyOf(parts));
    }

    String format(LogEntry e) {
        StringBuilder b = new StringBuilder(200);
        if (json) {
            b.append('{');
            boolean first = true;
            for (Object p : parts) {
                Object v = p instanceof LogField f ? e.value(f) : e.value((Attribute<?>) p);
                if (!first) b.append(',');
                first = false;
                b.append('"').append(p instanceof LogField f ? f.key() : ((Attribute<?>) p).name()).append("\":");
                if (v instanceof Number) {
                    b.append(v);
                } else if (v == null) {
                    b.append("null");
                } else {
                    JsonString.append(b, v.toString());
                }
            }
            return b.append('}').toString();
        }
        for (Object p : parts) {
            if (p instanceof String s) {
                b.append(s);
            } else {
                Object v = p instanceof LogField f ? e.value(f) : e.value((Attribute<?>) p);
                b.append(v == null ? "-" : v);
            }
        }
        return b.toString();
    }
}
