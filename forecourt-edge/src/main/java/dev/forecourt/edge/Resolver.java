package dev.forecourt.edge;

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
        String host = hostPort;
        int port = defaultPort;
        int colon = hostPort.lastIndexOf(':');
        if (colon > hostPort.lastIndexOf(']')) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        String mapped = entries.get(host);
        if (mapped != null) {
            int c = mapped.lastIndexOf(':');
            if (c > mapped.lastIndexOf(']')) {
                return new InetSocketAddress(InetAddress.getByName(strip(mapped.substring(0, c))), Integer.parseInt(mapped.substring(c + 1)));
            }
            return new InetSocketAddress(InetAddress.getByName(strip(mapped)), port);
        }
        return new InetSocketAddress(InetAddress.getByName(strip(host)), port);
    }

    private static String strip(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
