package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.HeaderRules;

import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.role.api.MappingRule.Action;
import dev.forecourt.edge.role.api.MappingRule.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an integration's parameter mappings: {@code parameterMapping} (the request: headers, query string, path) and
 * {@code responseParameters} (by the integration's status, {@code "200"} or {@code "4XX"}: headers, status code).
 * The headers API Gateway reserves are refused with its words; Host is not among them.
 */
final class MappingReader {
    /** API Gateway's reserved headers (HTTP API parameter mapping, "Reserved headers"); those ending '-' are prefixes. */
    static final List<String> RESERVED = List.of("access-control-", "apigw-", "authorization", "connection",
            "content-encoding", "content-length", "content-location", "forwarded", "keep-alive", "origin",
            "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade", "x-amz-",
            "x-amzn-", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via");
    private static final Set<String> ACTIONS = Set.of("append", "overwrite", "remove");

    private final Fields f;
    private final RouteKey route;
    private final Map<String, String> stageVariables;

    MappingReader(Fields f, RouteKey route, Map<String, String> stageVariables) {
        this.f = f;
        this.route = route;
        this.stageVariables = stageVariables;
    }

    List<MappingRule> request(Entry e, String path) {
        return rules(e, path, false);
    }

    Map<String, List<MappingRule>> response(Entry e, String path) {
        Map<String, List<MappingRule>> out = new LinkedHashMap<>();
        if (e == null || !(f.map(e.value(), path) instanceof MapNode m)) return out;
        for (Entry s : m.entries().values()) {
            String status = s.key().toUpperCase(Locale.ROOT);
            if (!status.matches("[1-5](\\d\\d|XX)")) {
                f.problems.add(s.line(), path + "." + s.key(), "'" + s.key() + "' is no status: a code (\"404\") or a"
                        + " class (\"4XX\", \"5XX\")");
                continue;
            }
            out.put(status, rules(s, path + "." + s.key(), true));
        }
        return out;
    }

    private List<MappingRule> rules(Entry e, String path, boolean response) {
        List<MappingRule> out = new ArrayList<>();
        if (e == null || !(f.map(e.value(), path) instanceof MapNode m)) return out;
        for (Entry r : m.entries().values()) {
            MappingRule rule = rule(r, path + "." + r.key(), response);
            if (rule != null) out.add(rule);
        }
        return out;
    }

    private MappingRule rule(Entry r, String path, boolean response) {
        String k = r.key();
        int colon = k.indexOf(':');
        String action = colon < 0 ? "" : k.substring(0, colon);
        String target = colon < 0 ? k : k.substring(colon + 1);
        String allowed = response ? "append|overwrite|remove:header.NAME, overwrite:statuscode"
                : "append|overwrite|remove:header.NAME, append|overwrite|remove:querystring.NAME, overwrite:path";
        if (!ACTIONS.contains(action)) {
            f.problems.add(r.line(), path, "'" + k + "' is no mapping key; allowed: " + allowed);
            return null;
        }
        Action a = Action.valueOf(action.toUpperCase(Locale.ROOT));
        Target t;
        String name = null;
        if (target.startsWith("header.") && target.length() > 7) {
            t = Target.HEADER;
            name = target.substring(7);
            if (!HeaderRules.isToken(name)) {
                f.problems.add(r.line(), path, "'" + name + "' is no header name");
                return null;
            }
            if (HeaderRules.listed(RESERVED, name)) {
                f.problems.add(r.line(), path, "Operations on header " + name + " are restricted: API Gateway"
                        + " reserves it for parameter mapping (reserved: " + HeaderRules.shown(RESERVED) + ")");
                return null;
            }
        } else if (!response && target.startsWith("querystring.") && target.length() > 12) {
            t = Target.QUERYSTRING;
            name = target.substring(12);
        } else if (!response && target.equals("path") && a == Action.OVERWRITE) {
            t = Target.PATH;
        } else if (response && target.equals("statuscode") && a == Action.OVERWRITE) {
            t = Target.STATUSCODE;
        } else {
            f.problems.add(r.line(), path, "'" + k + "' is no " + (response ? "response" : "request") + " mapping key;"
                    + " allowed: " + allowed);
            return null;
        }
        String text = f.string(r, path);
        if (text == null) return null;
        MappingValue value;
        try {
            value = MappingValue.parse(text);
        } catch (IllegalArgumentException ex) {
            f.problems.add(r.line(), path, ex.getMessage());
            return null;
        }
        for (MappingValue.Ref ref : value.refs()) {
            String problem = switch (ref.source()) {
                case PATH_VARIABLE -> route.variables().contains(ref.name()) ? null : "the route '" + route + "' has no"
                        + " path variable '" + ref.name() + "'" + (route.variables().isEmpty() ? "" : " (it has "
                        + String.join(", ", route.variables()) + ")");
                case STAGE_VARIABLE -> stageVariables.containsKey(ref.name()) ? null : "no stage variable '" + ref.name()
                        + "' (stageVariables: " + (stageVariables.isEmpty() ? "none" : String.join(", ", stageVariables.keySet())) + ")";
                case RESPONSE_HEADER -> response ? null : "$response.header is read in responseParameters only";
                default -> null;
            };
            if (problem != null) {
                f.problems.add(r.line(), path, problem);
                return null;
            }
        }
        if (t == Target.STATUSCODE && value.refs().isEmpty() && !text.matches("[2-5]\\d\\d")) {
            f.problems.add(r.line(), path, "'" + text + "' is no status code a mapping may give (200 to 599: a 1xx is no final answer, and the client would wait for one)");
            return null;
        }
        if (t == Target.HEADER && name.equalsIgnoreCase("host") && !response) {
            if (a == Action.APPEND) {
                f.problems.add(r.line(), path, "a request has one Host: append would send a second, which servers"
                        + " refuse with 400 (RFC 9112 section 3.2). Fix: overwrite:header.Host");
                return null;
            }
            if (a == Action.REMOVE) {
                f.problems.add(r.line(), path, "a request must carry a Host (RFC 9112 section 3.2): remove would send"
                        + " none, and the integration would refuse every request with 400. Fix: overwrite:header.Host"
                        + " with the name the integration serves, or drop the mapping");
                return null;
            }
            if (a == Action.OVERWRITE && value.refs().isEmpty() && text.isBlank()) {
                f.problems.add(r.line(), path, "an empty Host: the integration would refuse every request with 400."
                        + " Fix: the name the integration serves, e.g. 'app.internal', or drop the mapping to send the"
                        + " Host it would get anyway");
                return null;
            }
        }
        if (t == Target.PATH && value.refs().isEmpty() && !text.startsWith("/")) {
            f.problems.add(r.line(), path, "'" + text + "' must start with '/'");
            return null;
        }
        return new MappingRule(a, t, name, value);
    }
}
