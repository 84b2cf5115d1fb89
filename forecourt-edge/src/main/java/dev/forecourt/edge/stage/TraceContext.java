package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context: a valid incoming {@code traceparent} keeps its trace id and gets this hop as the new parent;
 * a missing or invalid one starts a new trace. {@code x-request-id} is kept, or set to the trace id.
 */
public final class TraceContext implements Stage {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        String incoming = h.get("traceparent");
        String traceId;
        String flags;
        if (incoming != null && isValid(incoming)) {
            traceId = incoming.substring(3, 35);
            flags = incoming.substring(53, 55);
        } else {
            traceId = hex(16);
            flags = "01";
            h.remove("tracestate"); // it belongs to the trace we could not continue
        }
        h.set("traceparent", "00-" + traceId + "-" + hex(8) + "-" + flags);
        String requestId = h.get("x-request-id");
        if (requestId == null || requestId.isEmpty() || requestId.length() > 200) {
            requestId = traceId;
            h.set("x-request-id", requestId);
        }
        x.trace(traceId, requestId);
        return next.serve(x);
    }

    /** version 00: {@code 00-<32 hex>-<16 hex>-<2 hex>}, ids not all zero. */
    static boolean isValid(String v) {
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

    private static String hex(int bytes) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[bytes * 2];
        for (int i = 0; i < bytes; i++) {
            int b = r.nextInt(256);
            out[2 * i] = HEX[b >> 4];
            out[2 * i + 1] = HEX[b & 15];
        }
        return new String(out);
    }
}
