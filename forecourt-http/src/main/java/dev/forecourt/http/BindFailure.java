package dev.forecourt.http;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * A listener that could not bind, said in one line an operator can act on: which listener, which address, and the
 * system's reason without the transport's wording (epoll and io_uring say "bind(..) failed with error(-98): Address
 * already in use", NIO says "Address already in use").
 */
final class BindFailure {
    private BindFailure() {}

    static BindException of(ListenerSpec spec, Throwable cause) {
        InetSocketAddress a = spec.address();
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        BindException e = new BindException("listener " + spec.name() + " can't listen on " + where + ": "
                + reason(cause) + hint(reason(cause), a.getPort()));
        e.initCause(cause);
        return e;
    }

    private static String reason(Throwable cause) {
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int prefix = m.startsWith("bind(") ? m.indexOf("): ") : -1;
        if (prefix >= 0) {
            m = m.substring(prefix + 3);
        }
        return m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }

    private static String hint(String reason, int port) {
        if (reason.startsWith("address already in use")) {
            return " (another process is listening there)";
        }
        if (reason.startsWith("permission denied") && port < 1024) {
            return " (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
        }
        if (reason.startsWith("cannot assign requested address")) {
            return " (not an address of this machine)";
        }
        return "";
    }
}
