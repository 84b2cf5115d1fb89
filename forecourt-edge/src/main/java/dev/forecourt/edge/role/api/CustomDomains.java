package dev.forecourt.edge.role.api;

import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.HostHeader;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listener of one or more custom domain names: the Host picks the domain, the longest API mapping of the path
 * picks the API, and that API's hop for the mapping takes the request (its corridor, access log and metrics, as
 * if it had arrived at the API's own listener). What no domain or no mapping takes goes to the domain's own hop,
 * which answers API Gateway's 404 ({@link Unmapped}).
 */
final class CustomDomains implements RequestHandler {
    /** A domain's mappings, each to its API's hop, and the hop that answers what none takes. */
    record Domain(String name, ApiMappings<RequestHandler> mappings, RequestHandler unmapped) {}

    private final Router hosts;
    private final Map<String, Domain> byName = new HashMap<>();
    private final RequestHandler unknownHost;

    /** {@code domains}: those served on this listener; {@code unknownHost}: the hop for a Host none of them is. */
    CustomDomains(List<Domain> domains, RequestHandler unknownHost) {
        this.hosts = new Router(domains.stream().map(d -> new Router.VirtualHost(d.name(),
                List.of(new HostPattern(d.name())), null)).toList(), "this listener");
        domains.forEach(d -> byName.put(d.name(), d));
        this.unknownHost = unknownHost;
    }

    @Override
    public void handle(ServerExchange wire) {
        String hostHeader = wire.request().headers().get(HttpHeaderNames.HOST);
        Router.VirtualHost vh = hostHeader == null ? null : hosts.match(hostHeader, HostHeader.hostOnly(hostHeader));
        Domain d = vh == null ? null : byName.get(vh.name());
        if (d == null) {
            unknownHost.handle(wire);
            return;
        }
        ApiMappings.Match<RequestHandler> m = d.mappings().find(ApiCall.pathOf(wire.request().uri()));
        (m == null ? d.unmapped() : m.target()).handle(wire);
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
        return unknownHost.reject(type, detail, connection, request);
    }
}
