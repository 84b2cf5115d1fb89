package dev.forecourt.edge.route;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Picks the virtual host for the Host (or {@code :authority}) that arrived: exact names with a port first, then
 * exact names, then the longest matching wildcard. No match is the hop's own {@code no_route} answer, naming the
 * Host that arrived and every domain this listener serves.
 */
public final class Router implements Service {
    /** A named service answering to some domains. */
    public record VirtualHost(String name, List<HostPattern> domains, Service service) {}

    private final Map<String, VirtualHost> withPort = new HashMap<>();
    private final Map<String, VirtualHost> exact = new HashMap<>();
    private final List<Map.Entry<String, VirtualHost>> wildcards = new ArrayList<>();
    private final String known;
    private final String where;

    /** {@code where} names the listener for messages, e.g. "the public listener 127.0.0.1:9000". */
    public Router(List<VirtualHost> hosts, String where) {
        this.where = where;
        List<String> all = new ArrayList<>();
        for (VirtualHost vh : hosts) {
            for (HostPattern d : vh.domains()) {
                all.add(d.text());
                if (d.isWildcard()) {
                    wildcards.add(Map.entry(d.suffix(), vh));
                } else if (d.hasPort()) {
                    withPort.putIfAbsent(d.text(), vh);
                } else {
                    exact.putIfAbsent(d.text(), vh);
                }
            }
        }
        wildcards.sort(Comparator.comparingInt((Map.Entry<String, VirtualHost> e) -> e.getKey().length()).reversed());
        this.known = all.isEmpty() ? "(none)" : String.join(", ", all);
    }

    /** The virtual host for a Host header value, or null. */
    public VirtualHost match(String hostHeader, String hostOnly) {
        if (!withPort.isEmpty()) {
            VirtualHost vh = withPort.get(hostHeader.toLowerCase(Locale.ROOT));
            if (vh != null) {
                return vh;
            }
        }
        VirtualHost vh = exact.get(hostOnly);
        if (vh != null) {
            return vh;
        }
        for (Map.Entry<String, VirtualHost> w : wildcards) {
            if (hostOnly.length() > w.getKey().length() && hostOnly.endsWith(w.getKey())) {
                return w.getValue();
            }
        }
        return null;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        String hostHeader = x.request().headers().get(HttpHeaderNames.HOST);
        VirtualHost vh = match(hostHeader, x.host());
        if (vh == null) {
            return CompletableFuture.failedFuture(new ForecourtException(ErrorType.NO_ROUTE,
                    "Host '" + hostHeader + "' matches none of the domains " + where + " serves: " + known));
        }
        x.route(vh.name());
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.note(Phase.DECIDED, "Host '" + hostHeader + "' -> '" + vh.name() + "' (" + where + ")");
        }
        return vh.service().serve(x);
    }
}
