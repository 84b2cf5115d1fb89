package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.observe.LogFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API's access log: the fields its rooms add ({@code $api_request_id}, ...), and API Gateway's template syntax.
 * A format may name {@code $context.requestId} as AWS writes it: each {@code $context.X} it knows is read as the log
 * field that holds the same fact (the engine's {@code $client} for {@code $context.identity.sourceIp}, this role's
 * {@code $api_request_id} for {@code $context.requestId}), so a JSON template like AWS's works as it is.
 */
final class ApiLogFields {
    private ApiLogFields() {}

    static final Attribute<String> REQUEST_ID = Attribute.logged("api_request_id");
    static final Attribute<String> STAGE = Attribute.logged("api_stage");
    static final Attribute<Integer> INTEGRATION_STATUS = Attribute.logged("api_integration_status");
    static final Attribute<String> ERROR_MESSAGE = Attribute.logged("api_error_message");
    static final Attribute<String> ERROR_RESPONSE_TYPE = Attribute.logged("api_error_response_type");
    /** Why the route's authorizer refused the caller, in our words (never sent to the client). */
    static final Attribute<String> AUTHORIZER_ERROR = Attribute.logged("api_authorizer_error");

    static final List<Attribute<?>> ALL = List.of(REQUEST_ID, STAGE, INTEGRATION_STATUS, ERROR_MESSAGE,
            ERROR_RESPONSE_TYPE, AUTHORIZER_ERROR);

    /** {@code $context.X} as AWS names it, and the log field with its value. */
    static final Map<String, String> CONTEXT = contextFields();

    private static Map<String, String> contextFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("requestId", "api_request_id");
        m.put("extendedRequestId", "api_request_id");
        m.put("identity.sourceIp", "client");
        m.put("identity.userAgent", "user_agent");
        m.put("httpMethod", "method");
        m.put("routeKey", "route");
        m.put("path", "uri_stem");
        m.put("protocol", "protocol");
        m.put("status", "status");
        m.put("responseLength", "bytes");
        m.put("responseLatency", "duration_ms");
        m.put("integrationLatency", "upstream_ms");
        m.put("integration.latency", "upstream_ms");
        m.put("integrationStatus", "api_integration_status");
        m.put("integration.status", "api_integration_status");
        m.put("error.message", "api_error_message");
        m.put("error.responseType", "api_error_response_type");
        m.put("authorizer.error", "api_authorizer_error");
        m.put("requestTime", "time_local");
        m.put("domainName", "host");
        m.put("stage", "api_stage");
        return Map.copyOf(m);
    }

    /** API Gateway's CLF default, with the route and the error type. */
    static final String DEFAULT_FORMAT = "$context.identity.sourceIp - - [$context.requestTime] \"$context.httpMethod"
            + " $context.routeKey $context.protocol\" $context.status $context.responseLength $context.requestId"
            + " $context.error.responseType";

    /** An API's {@code accessLog} block, its format in AWS's syntax or ours. */
    static AccessLogConfig accessLog(Fields f, Entry e, String path) {
        AccessLogConfig d = new AccessLogConfig(true, translate(DEFAULT_FORMAT), "stdout");
        AccessLogConfig c = f.accessLog(e, path, d, format -> LogFormat.compile(translate(format)));
        return c.format().equals(d.format()) ? c : new AccessLogConfig(c.enabled(), translate(c.format()), c.path());
    }

    /** {@code format} with each {@code $context.X} (or {@code ${context.X}}) as {@code ${field}}. */
    static String translate(String format) {
        StringBuilder b = new StringBuilder(format.length());
        int i = 0;
        while (i < format.length()) {
            boolean braces = format.startsWith("${context.", i);
            if (!braces && !format.startsWith("$context.", i)) {
                b.append(format.charAt(i++));
                continue;
            }
            int start = i + (braces ? 10 : 9);
            int end = start;
            while (end < format.length() && (Character.isLetterOrDigit(format.charAt(end)) || format.charAt(end) == '.'
                    || format.charAt(end) == '_')) end++;
            while (end > start && format.charAt(end - 1) == '.') end--;
            String name = format.substring(start, end);
            String field = CONTEXT.get(name);
            if (field == null) {
                throw new IllegalArgumentException("the access log knows no '$context." + name + "'; it knows "
                        + String.join(", ", CONTEXT.keySet().stream().sorted().map(n -> "$context." + n).toList()));
            }
            if (braces) {
                if (end >= format.length() || format.charAt(end) != '}') {
                    throw new IllegalArgumentException("'${context." + name + "' is missing its '}'");
                }
                end++;
            }
            b.append("${").append(field).append('}');
            i = end;
        }
        return b.toString();
    }
}
