package dev.forecourt.edge.role.api;

import dev.forecourt.http.HostPort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integration's {@code uri}: scheme, host, port and a path in which {@code {name}} stands for the route's path
 * variable {@code name} ({@code {proxy}} for {@code {proxy+}}), substituted encoded for each request. Public for
 * {@code check}'s hop walk, which follows a uri as the route does.
 */
public record IntegrationUri(boolean tls, String host, int port, String pathTemplate) {
    private static final Pattern URI = Pattern.compile("(https?)://([^/?#\\s]+)(/[^?#\\s]*)?");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)}");

    public static IntegrationUri parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + uri + "' is no integration URI: http://HOST[:PORT]/PATH or"
                    + " https://..., without query or fragment");
        }
        boolean tls = m.group(1).equals("https");
        HostPort hp = HostPort.parse(m.group(2), tls ? 443 : 80);
        return new IntegrationUri(tls, hp.host(), hp.port(), m.group(3) == null ? "" : m.group(3));
    }

    /** Null when {@code uri} is well formed and names only variables of {@code route}, else what is wrong. */
    static String problem(String uri, RouteKey route) {
        try {
            IntegrationUri u = parse(uri);
            Matcher v = VARIABLE.matcher(u.pathTemplate);
            while (v.find()) {
                if (!route.variables().contains(v.group(1))) {
                    return "'{" + v.group(1) + "}' is no path variable of the route '" + route + "'"
                            + (route.variables().isEmpty() ? "" : " (it has " + String.join(", ", route.variables()) + ")");
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code host:port}, as connections and messages name it. */
    public String authority() {
        return new HostPort(host, port).toString();
    }

    /** The Host header the integration gets: the port only when it is not the scheme's. */
    public String hostHeader() {
        return port == (tls ? 443 : 80) ? host : authority();
    }

    /** The path for a request on {@code match}: the template with its variables' values, encoded. */
    String path(RouteTable.Match<?> match) {
        if (pathTemplate.indexOf('{') < 0) {
            return pathTemplate;
        }
        Matcher v = VARIABLE.matcher(pathTemplate);
        StringBuilder b = new StringBuilder(pathTemplate.length() + 32);
        while (v.find()) {
            String value = match.variable(v.group(1));
            v.appendReplacement(b, Matcher.quoteReplacement(RequestPath.encode(value == null ? "" : value)));
        }
        v.appendTail(b);
        return b.toString();
    }
}
