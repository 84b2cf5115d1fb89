package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.HeaderNames;
import dev.forecourt.http.HostPort;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * Tells the origin who asked and how: appends the client to {@code X-Forwarded-For} and to RFC 7239
 * {@code Forwarded}; sets {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} unless an earlier hop did
 * (the first hop saw what the client used, and an app building public URLs needs exactly that). What is already
 * there came from a trusted peer or from this hop's own functions: {@link ForwardedTrust}, at the hop's entrance,
 * removed any other peer's.
 */
public final class ForwardedHeaders implements Stage {

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        InetSocketAddress client = x.connection().remote();
        String clientIp = client == null ? "unknown" : x.connection().clientIp(); // text made once per connection
        // add where the header is absent: set() would first search the headers to remove it
        String xff = h.get(HeaderNames.X_FORWARDED_FOR);
        if (xff == null) {
            h.add(HeaderNames.X_FORWARDED_FOR, clientIp);
        } else {
            h.set(HeaderNames.X_FORWARDED_FOR, xff.isBlank() ? clientIp : xff + ", " + clientIp);
        }
        String host = h.get(HttpHeaderNames.HOST);
        String proto = x.connection().scheme();
        if (!h.contains(HeaderNames.X_FORWARDED_PROTO)) {
            h.add(HeaderNames.X_FORWARDED_PROTO, proto);
        }
        if (!h.contains(HeaderNames.X_FORWARDED_HOST)) {
            h.add(HeaderNames.X_FORWARDED_HOST, host);
        }
        if (!h.contains(HeaderNames.X_FORWARDED_PORT) && x.connection().local() != null) {
            h.add(HeaderNames.X_FORWARDED_PORT, portOf(host, proto, x.connection().local().getPort()));
        }
        String element = "for=" + node(client, clientIp) + ";host=" + quoteIfNeeded(host) + ";proto=" + proto;
        String fwd = h.get(HeaderNames.FORWARDED);
        if (fwd == null) {
            h.add(HeaderNames.FORWARDED, element);
        } else {
            h.set(HeaderNames.FORWARDED, fwd.isBlank() ? element : fwd + ", " + element);
        }
        return next.serve(x);
    }

    /** The port the client addressed: from Host if it names one, else the scheme's default. */
    static String portOf(String host, String proto, int listenerPort) {
        if (host != null) {
            int colon = HostPort.portColon(host); // no allocation: this runs for every request
            if (colon >= 0 && colon + 1 < host.length()) {
                return host.substring(colon + 1);
            }
            return "https".equals(proto) ? "443" : "80";
        }
        return Integer.toString(listenerPort);
    }

    private static String node(InetSocketAddress a, String ip) {
        if (a == null) {
            return "unknown";
        }
        return a.getAddress() instanceof Inet6Address ? "\"[" + ip + "]\"" : ip;
    }

    private static String quoteIfNeeded(String v) {
        if (v == null) {
            return "\"\"";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
                return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return v;
    }
}
