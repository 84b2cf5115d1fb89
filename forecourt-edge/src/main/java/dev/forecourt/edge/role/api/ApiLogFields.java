package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.observe.LogFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An API's access log: the fields its rooms add ({@code $api_request_id}, ...), and API Gateway's template syntax.
 * A format may name {@code $context.requestId} as AWS writes it: each {@code $context.X} it knows is read as the log
 * field that holds the same fact (the engine's {@code $client} for {@code $context.identity.sourceIp}, this role's
 * {@code $api_request_id} for {@code $context.requestId}), so a JSON template like AWS's works as it is. A claim of
 * the caller's token, {@code $context.authorizer.claims.NAME}, is a field of its own ({@link #claim}), set from the
 * claims as the answer leaves the API ({@link ApiEntrance}).
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

    /** The Host without its port ({@code $context.domainName}), and its first label ({@code $context.domainPrefix}). */
    static final Attribute<String> DOMAIN_NAME = Attribute.logged("api_domain_name");
    static final Attribute<String> DOMAIN_PREFIX = Attribute.logged("api_domain_prefix");

    static final List<Attribute<?>> ALL = List.of(REQUEST_ID, STAGE, INTEGRATION_STATUS, ERROR_MESSAGE,
            ERROR_RESPONSE_TYPE, AUTHORIZER_ERROR, DOMAIN_NAME, DOMAIN_PREFIX);

    private static final String CLAIMS = "authorizer.claims.";
    /** Each claim a format has named, and its field: made once per name, for the process's life (names come from files). */
    private static final Map<String, Attribute<String>> CLAIM_FIELDS = new LinkedHashMap<>();

    /** A claim the log writes, and the field it is written as. */
    record LoggedClaim(String claim, Attribute<String> field) {}

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
        m.put("domainName", "api_domain_name");
        m.put("domainPrefix", "api_domain_prefix");
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

    /**
     * The field of {@code $context.authorizer.claims.NAME}: {@code api_claim_} and the name in lower case with what a
     * field may not hold as '_' ({@code cognito:groups}: {@code api_claim_cognito_groups}), a number after it when
     * another claim took that already.
     */
    static synchronized Attribute<String> claim(String name) {
        Attribute<String> a = CLAIM_FIELDS.get(name);
        if (a == null) {
            String base = "api_claim_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            String key = base;
            for (int i = 2; Attribute.loggedAs(key) != null; i++) key = base + "_" + i;
            a = Attribute.logged(key);
            CLAIM_FIELDS.put(name, a);
        }
        return a;
    }

    /** The claims a (translated) format writes. */
    static synchronized List<LoggedClaim> claimsIn(String format) {
        List<LoggedClaim> out = new ArrayList<>();
        CLAIM_FIELDS.forEach((claim, field) -> {
            if (format.contains("${" + field.name() + "}")) out.add(new LoggedClaim(claim, field));
        });
        return List.copyOf(out);
    }

    /**
     * {@code format} with each {@code $context.X} (or {@code ${context.X}}) as {@code ${field}}. Inside braces a
     * claim's name may hold any character but '}' ({@code ${context.authorizer.claims.cognito:groups}}).
     */
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
            if (braces && format.startsWith(CLAIMS, start) && format.indexOf('}', start) > 0) {
                end = format.indexOf('}', start);
            } else {
                while (end < format.length() && (Character.isLetterOrDigit(format.charAt(end)) || format.charAt(end) == '.'
                        || format.charAt(end) == '_')) end++;
                while (end > start && format.charAt(end - 1) == '.') end--;
            }
            String name = format.substring(start, end);
            String field = name.startsWith(CLAIMS) && name.length() > CLAIMS.length()
                    ? claim(name.substring(CLAIMS.length())).name() : CONTEXT.get(name);
            if (field == null) {
                throw new IllegalArgumentException("the access log knows no '$context." + name + "'; it knows "
                        + String.join(", ", CONTEXT.keySet().stream().sorted().map(n -> "$context." + n).toList())
                        + ", $context." + CLAIMS + "NAME");
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
