package dev.forecourt.edge;

import dev.forecourt.http.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Names to addresses for this machine ({@code resolve:}, like curl's --resolve): a name listed there connects to
 * its address (and port, if the entry gives one); any other name goes to DNS.
 */
public final class Resolver {
    private final Map<String, String> entries;

    public Resolver(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** {@code hostPort} is {@code host:port} or {@code host} with {@code defaultPort}. */
    public InetSocketAddress resolve(String hostPort, int defaultPort) throws UnknownHostException {
        HostPort asked = HostPort.parse(hostPort, defaultPort, HostPort.Use.LISTEN); // listeners bind through here
        String mapped = entries.get(asked.withBrackets());
        HostPort to = mapped == null ? asked : HostPort.parse(mapped, asked.port(), HostPort.Use.LISTEN);
        return new InetSocketAddress(InetAddress.getByName(to.host()), to.port());
    }
}
