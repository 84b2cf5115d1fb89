package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context: a valid incoming {@code traceparent} keeps its trace id and gets this hop as the new parent;
 * a missing or invalid one starts a new trace. {@code x-request-id} is kept, or set to the trace id.
 */
public final class TraceContext implements Stage {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** A traceparent with the ids still to fill in and the sampled flag. */
    private static final byte[] TEMPLATE = "00-00000000000000000000000000000000-0000000000000000-01"
            .getBytes(StandardCharsets.US_ASCII);

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        String incoming = h.get(HeaderNames.TRACEPARENT);
        // 00-<trace id>-<parent id>-<flags>, written as bytes: the encoder copies them as they are
        byte[] parent = TEMPLATE.clone();
        if (incoming != null && isValid(incoming)) {
            for (int i = 3; i < 35; i++) {
                parent[i] = (byte) incoming.charAt(i);
            }
            parent[53] = (byte) incoming.charAt(53);
            parent[54] = (byte) incoming.charAt(54);
        } else {
            randomHex(parent, 3, 2);
            h.remove(HeaderNames.TRACESTATE); // it belongs to the trace we could not continue
        }
        randomHex(parent, 36, 1);
        String traceId = new String(parent, 3, 32, StandardCharsets.ISO_8859_1);
        h.set(HeaderNames.TRACEPARENT, new AsciiString(parent, false));
        String requestId = h.get(HeaderNames.X_REQUEST_ID);
        if (requestId == null || requestId.isEmpty() || requestId.length() > 200) {
            requestId = traceId;
            h.set(HeaderNames.X_REQUEST_ID, new AsciiString(parent, 3, 32, false));
        }
        x.trace(traceId, requestId);
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.identified(traceId);
        }
        return next.serve(x);
    }

    /** version 00: {@code 00-<32 hex>-<16 hex>-<2 hex>}, ids not all zero. */
    public static boolean isValid(String v) {
        if (v.length() != 55 || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-'
                || !v.startsWith("00")) {
            return false;
        }
        return isHex(v, 3, 35) && isHex(v, 36, 52) && isHex(v, 53, 55)
                && !v.regionMatches(3, "00000000000000000000000000000000", 0, 32)
                && !v.regionMatches(36, "0000000000000000", 0, 16);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code longs} random 64-bit numbers as lowercase hex into {@code out} from {@code at}. */
    private static void randomHex(byte[] out, int at, int longs) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int n = 0; n < longs; n++) {
            long v = r.nextLong();
            for (int i = 15; i >= 0; i--) {
                out[at + n * 16 + i] = HEX[(int) (v & 15)];
                v >>>= 4;
            }
        }
    }
}
