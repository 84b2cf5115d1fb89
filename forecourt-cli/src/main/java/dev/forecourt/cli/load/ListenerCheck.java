package dev.forecourt.cli.load;


import dev.forecourt.edge.Resolver;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Listeners;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each listener's address resolves, no two listeners share one, and each can be bound: the socket is bound and
 * released at once, as {@code run} would bind it (SO_REUSEADDR, so a port left in TIME_WAIT is no error), so a
 * port another process holds is named before start, not as a stack trace after.
 */
final class ListenerCheck {
    private ListenerCheck() {}

    private record Bound(Listening listener, InetSocketAddress address) {}

    static void check(Config c, Findings f, boolean bind) {
        List<Listening> listeners = Listeners.of(c); // every role's, and the admin's
        Resolver resolver = new Resolver(c.resolve());
        List<Bound> seen = new ArrayList<>();
        for (Listening l : listeners) {
            InetSocketAddress a;
            try {
                a = resolver.resolve(l.address(), l.defaultPort());
            } catch (UnknownHostException | RuntimeException e) {
                f.error(l.key(), "'" + l.address() + "' does not resolve (not in resolve:, and DNS has no address"
                        + " for it), so " + l.description() + " can't be bound. Fix: an address of this machine, such as"
                        + " 127.0.0.1:PORT or 0.0.0.0:PORT");
                continue;
            }
            Bound other = seen.stream().filter(b -> overlap(b.address(), a)).findFirst().orElse(null);
            if (other != null) {
                f.error(l.key(), l.description() + " and " + other.listener().description() + " (" + other.listener().key()
                        + ") both listen on " + other.address().getAddress().getHostAddress() + ":" + a.getPort()
                        + ": only one of them could bind it. Fix: another port for one of them");
                continue;
            }
            seen.add(new Bound(l, a));
            if (bind) {
                bind(f, l, a);
            }
        }
    }

    /** Two binds collide: the same port (not 0, which picks a free one) on the same address or on the wildcard. */
    private static boolean overlap(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() != 0 && a.getPort() == b.getPort() && (a.getAddress().equals(b.getAddress())
                || a.getAddress().isAnyLocalAddress() || b.getAddress().isAnyLocalAddress());
    }

    private static void bind(Findings f, Listening l, InetSocketAddress a) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(a);
        } catch (BindException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            String where = a.getAddress().getHostAddress() + ":" + a.getPort();
            if (why.contains("in use")) {
                f.error(l.key(), l.description() + " can't listen on " + where + ": the port is in use by another process."
                        + " Fix: stop that process, or another port (if it is this file's own forecourt, running,"
                        + " check before a reload with --no-bind)");
            } else if (why.contains("assign")) {
                f.error(l.key(), l.description() + " can't listen on " + where + ": it is not an address of this machine."
                        + " Fix: one of its addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (all)");
            } else if (why.contains("denied")) {
                f.error(l.key(), l.description() + " can't listen on " + where + ": permission denied (ports below 1024"
                        + " need root or CAP_NET_BIND_SERVICE). Fix: a port from 1024, or grant the capability");
            } else {
                f.error(l.key(), l.description() + " can't listen on " + where + ": " + why);
            }
        } catch (IOException e) {
            f.error(l.key(), l.description() + " can't listen on " + a + ": " + e.getMessage());
        }
    }
}
