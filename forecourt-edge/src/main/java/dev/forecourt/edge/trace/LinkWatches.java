package dev.forecourt.edge.trace;

import dev.forecourt.http.HostPort;
import dev.forecourt.http.RelayRecord;
import dev.forecourt.http.RelayWatch;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Joins links to traces. A link sees bytes, not requests: it can't read a trace header. So the HTTP hop that sends
 * a traced request says which local address it sends from ({@link #expect}), before the first byte goes; the link
 * whose client is that address notes itself in the same trace: the connection, the TLS ClientHello's SNI and ALPN,
 * the target, and how the connection ended. An expectation lasts {@value #KEEP_SECONDS} s (a connection may end
 * after the request that was traced on it), at most {@value #MAX} at once; while there are none, a link asks one
 * volatile read per read.
 */
final class LinkWatches {
    static final int MAX = 256;
    static final long KEEP_SECONDS = 10;

    private final Traces traces;
    private final Map<InetSocketAddress, Expected> expected = new ConcurrentHashMap<>();
    private volatile boolean any;

    LinkWatches(Traces traces) {
        this.traces = traces;
    }

    /** A traced request of {@code by}'s and the link hop it met, once met. */
    private static final class Expected {
        final HopTrace by;
        final long until;
        volatile HopTrace link;

        Expected(HopTrace by, long until) {
            this.by = by;
            this.until = until;
        }
    }

    void expect(InetSocketAddress from, HopTrace by) {
        long now = System.nanoTime();
        sweep(now);
        if (expected.size() < MAX) {
            expected.put(from, new Expected(by, now + TimeUnit.SECONDS.toNanos(KEEP_SECONDS)));
            any = true;
        }
    }

    private void sweep(long now) {
        for (Iterator<Expected> i = expected.values().iterator(); i.hasNext(); ) {
            if (i.next().until - now < 0) {
                i.remove();
            }
        }
        any = !expected.isEmpty();
    }

    RelayWatch watch(String hop) {
        return new RelayWatch() {
            @Override
            public boolean active() {
                return any;
            }

            @Override
            public void passing(Facts c) {
                Expected e = met(c);
                if (e == null || e.link != null) {
                    return;
                }
                HopTrace link = traces.open(hop, "tcp");
                e.link = link;
                link.note(Phase.ARRIVED, "TCP connection from " + HostPort.text(c.client()) + " on " + HostPort.text(c.listenerAddress())
                        + (c.tlsEnded() ? "; TLS ended here" + (c.hello() == null ? "" : ": ClientHello " + c.hello().describe())
                        : c.hello() == null ? "; not a TLS ClientHello (cleartext, passed as it is)"
                        : "; TLS passes through: ClientHello " + c.hello().describe()));
                link.note(Phase.DECIDED, c.target() == null ? "no target yet" : "target " + HostPort.text(c.target()));
                link.note(Phase.SENT, (c.from() == null ? "connecting to " + HostPort.text(c.target())
                        : "relayed from " + HostPort.text(c.from()) + " to " + HostPort.text(c.target()))
                        + (c.proxyHeader() ? ", a PROXY v2 header naming " + HostPort.text(c.client()) + " first" : "")
                        + (c.targetTls() ? ", in TLS of the link's own" : c.tlsEnded() ? ", decrypted: plain TCP" : ""));
                String id = e.by.traceId();
                if (id != null) {
                    traces.identified(link, id);
                }
            }

            @Override
            public void closed(Facts c, RelayRecord r) {
                Expected e = met(c);
                if (e == null) {
                    return;
                }
                if (e.link == null) {
                    passing(c); // it ended before the traced bytes were read (a refused connect)
                }
                e.link.note(Phase.RETURNED, "connection ended: " + r.reason().code() + " after " + r.bytesIn()
                        + " bytes in, " + r.bytesOut() + " out, " + r.duration().toMillis() + " ms"
                        + (r.droppedIn() + r.droppedOut() > 0 ? "; read and not passed on: " + r.droppedIn()
                        + " bytes in, " + r.droppedOut() + " out" : "")
                        + (r.reason() == RelayRecord.Reason.TARGET_CLOSED && r.bytesOut() < 100
                        ? " (the target closed it almost at once: a refused TLS handshake answers with a short alert)" : ""));
                expected.remove(c.client(), e);
            }
        };
    }

    private Expected met(RelayWatch.Facts c) {
        Expected e = c.client() == null ? null : expected.get(c.client());
        return e == null || e.until - System.nanoTime() < 0 ? null : e;
    }

}
