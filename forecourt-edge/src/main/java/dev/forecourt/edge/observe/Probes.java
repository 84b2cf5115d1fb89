package dev.forecourt.edge.observe;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The health checks this process sends to its own embedded apps, recognised by the app's hop so that they are not
 * counted or logged as its traffic: a probe every few seconds would make a quiet service look busy and fill its
 * latency histogram with {@code /health}. A probe carries a mark whose value is secret to this process (random at
 * start), so no client can pass its requests off as probes; the mark never leaves the process, and any other request
 * carrying the header has it removed.
 */
public final class Probes {
    private Probes() {}

    private static final String HEADER = "forecourt-probe";

    /**
     * Made at the first probe or the first request carrying the header, not when the first request passes: a
     * SecureRandom's first use loads the JDK's security providers, tens of milliseconds of a start's first answer.
     */
    private static final class Token {
        static final byte[] VALUE;

        static {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            VALUE = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Marks a health check request to an app in this process. */
    public static void mark(HttpHeaders h) {
        h.set(HEADER, new String(Token.VALUE, StandardCharsets.US_ASCII));
    }

    /** Whether a request that arrived at a hop is one of this process's probes; the mark is removed either way. */
    public static boolean take(HttpHeaders h) {
        String v = h.get(HEADER);
        if (v == null) {
            return false;
        }
        h.remove(HEADER);
        return MessageDigest.isEqual(v.getBytes(StandardCharsets.US_ASCII), Token.VALUE);
    }
}
