package dev.forecourt.edge.trace;

import dev.forecourt.http.ConnectionInfo;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;

/**
 * Who may ask a hop for a trace: a request carrying {@code forecourt-trace} from loopback, from a peer the hop
 * trusts to forward (its {@code trustForwardedFrom}: another hop of ours), or with the admin token as the header's
 * value. Anyone else's header is removed here, so that no one outside can make the hops record; an admitted one goes
 * on as {@code forecourt-trace: on} (never the token) so that the next hop records too.
 *
 * @param traces where this process keeps traces (null: this hop never traces)
 * @param token the admin token, or null
 * @param trusted peers whose trace header is believed without a token
 */
public record TraceGate(Traces traces, String token, Predicate<InetAddress> trusted) {
    public static final AsciiString HEADER = AsciiString.cached("forecourt-trace");
    private static final AsciiString ON = AsciiString.cached("on");

    /** A hop that records nothing and passes no trace header on. */
    public static final TraceGate OFF = new TraceGate(null, null, a -> false);

    /**
     * The record of this hop for this request, or null (no trace asked, or not allowed: then the header is gone).
     * {@code hop}: the hop's id ({@code api/public}); {@code kind}: http or app.
     */
    public HopTrace admit(HttpHeaders headers, ConnectionInfo connection, String hop, String kind) {
        String asked = headers.get(HEADER);
        if (asked == null) {
            return null;
        }
        if (traces == null || !allowed(asked, connection)) {
            headers.remove(HEADER);
            return null;
        }
        headers.set(HEADER, ON);
        return traces.open(hop, kind);
    }

    private boolean allowed(String asked, ConnectionInfo connection) {
        InetAddress peer = connection.remote() == null ? null : connection.remote().getAddress();
        if (peer != null && (peer.isLoopbackAddress() || trusted.test(peer))) {
            return true;
        }
        // compared in constant time: how long a wrong guess takes says nothing of how close it was
        return token != null && MessageDigest.isEqual(asked.trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
