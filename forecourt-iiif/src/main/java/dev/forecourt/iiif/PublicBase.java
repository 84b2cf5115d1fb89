package dev.forecourt.iiif;

import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.HostHeader;
import dev.forecourt.http.HostPort;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The public base URI ({@code scheme://host[:port][/prefix]}) that ids and links are printed with. Precedence: the
 * configured base URI; then RFC 7239 {@code Forwarded}; then {@code X-Forwarded-Proto/Host/Port/Prefix}; then the
 * request's own Host. Lists take the client-facing (first) element; the public scheme's default port is never
 * printed, and this server's own port never leaks when a proxy said how it was reached.
 */
final class PublicBase {
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");

    private PublicBase() {}

    static String of(String configured, HttpHeaders h, ConnectionInfo c) {
        if (configured != null) {
            return configured;
        }
        String scheme = null;
        String host = null;
        String port = null;
        boolean forwarded = false;
        String fwd = h.get("forwarded");
        if (fwd != null) {
            String[] proto = new String[1];
            String[] fhost = new String[1];
            forwardedFirst(String.join(",", h.getAll("forwarded")), proto, fhost);
            scheme = proto[0];
            host = fhost[0];
            forwarded = true;
        }
        if (scheme == null && h.contains("x-forwarded-proto")) {
            scheme = first(h.get("x-forwarded-proto"));
            forwarded = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        }
        if (host == null && h.contains("x-forwarded-host")) {
            host = first(h.get("x-forwarded-host"));
            forwarded = true;
        }
        if (h.contains("x-forwarded-port")) {
            port = first(h.get("x-forwarded-port"));
            forwarded = true;
        }
        scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            scheme = c.scheme();
        }
        String name;
        String hostPort;
        if (host != null && HostHeader.problem(host) == null) {
            name = HostHeader.hostOnly(host);
            hostPort = hostPort(host);
        } else {
            String own = h.get(HttpHeaderNames.HOST);
            if (own == null || HostHeader.problem(own) != null) {
                own = "localhost";
            }
            name = HostHeader.hostOnly(own);
            hostPort = hostPort(own);
            // the Host a proxy passed through may carry this server's own port: not the public one
            if (forwarded && hostPort != null && hostPort.equals(Integer.toString(c.local().getPort()))) {
                hostPort = null;
            }
        }
        if (port == null || !PORT.matcher(port).matches()) {
            port = hostPort;
        }
        if (port != null && port.equals(scheme.equals("https") ? "443" : "80")) {
            port = null;
        }
        String prefix = first(h.get("x-forwarded-prefix"));
        StringBuilder b = new StringBuilder(64).append(scheme).append("://").append(name);
        if (port != null) {
            b.append(':').append(port);
        }
        if (prefix != null) {
            String p = prefix.startsWith("/") ? prefix : "/" + prefix;
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (PREFIX.matcher(p).matches()) {
                b.append(p);
            }
        }
        return b.toString();
    }

    /** The first comma-separated element, trimmed; null for null or empty. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String v = (comma < 0 ? value : value.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }

    /** Reads {@code proto} and {@code host} of the first element of a Forwarded list (RFC 7239 section 4). */
    static void forwardedFirst(String value, String[] proto, String[] host) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == ';' || value.charAt(i) == '\t')) i++;
            int eq = value.indexOf('=', i);
            if (eq < 0) return;
            String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < n) i++;
                    v.append(value.charAt(i++));
                }
                i++; // closing quote
            } else {
                while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') v.append(value.charAt(i++));
            }
            String val = v.toString().trim();
            if (key.equals("proto") && proto[0] == null) proto[0] = val;
            if (key.equals("host") && host[0] == null) host[0] = val;
            while (i < n && value.charAt(i) == ' ') i++;
            if (i < n && value.charAt(i) == ',') return; // only the first (client-facing) element counts
        }
    }

    /** The port a valid Host value names, as text; null when it names none. */
    private static String hostPort(String hp) {
        int colon = HostPort.portColon(hp);
        return colon < 0 || colon == hp.length() - 1 ? null : hp.substring(colon + 1);
    }
}
