package dev.forecourt.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings (ITU-T X.690) a self-signed certificate is made of: each method returns one whole
 * tag-length-value. Enough for {@link DemoCertificate}; the JDK parses and signs, this only lays out bytes.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Der() {}

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray()); // two's complement, minimal: as DER wants
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0)});
    }

    static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    /** The bits of whole bytes (no unused bits), as a signature or key is. */
    static byte[] bitString(byte[] content) {
        byte[] withUnused = new byte[content.length + 1];
        System.arraycopy(content, 0, withUnused, 1, content.length);
        return tlv(0x03, withUnused);
    }

    static byte[] utf8String(String s) {
        return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime: the form RFC 5280 asks for dates through 2049. */
    static byte[] utcTime(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    /** An object identifier from its dotted form, e.g. {@code 2.5.29.17}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** A context-specific tag: constructed ({@code [n] EXPLICIT}) or primitive ({@code [n] IMPLICIT} of a string). */
    static byte[] tagged(int n, boolean constructed, byte[] content) {
        return tlv(0x80 | (constructed ? 0x20 : 0) | n, content);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            out.write((int) ((v >>> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
