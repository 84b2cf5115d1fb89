package dev.forecourt.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A private key read from its PEM file by the JDK alone, in the forms nginx and HAProxy take: PKCS#8 ({@code BEGIN
 * PRIVATE KEY}, what OpenSSL 3, certbot and most tools write), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1
 * ({@code BEGIN EC PRIVATE KEY} with a named curve, as {@code openssl ecparam -genkey} writes it), the last two
 * wrapped as PKCS#8. Netty reads key files through BouncyCastle whenever it is on the class path (the CLI's is, for
 * the demo's certificate): setting up its provider loaded some 800 classes before the first TLS listener bound, and
 * without BouncyCastle it reads PKCS#8 alone. Anything else (an encrypted key, explicit curve parameters, no key)
 * gives null, and Netty's reading says what is wrong.
 */
public final class PemKey {
    private static final byte[] RSA_ENCRYPTION = {6, 9, 42, (byte) 134, 72, (byte) 134, (byte) 247, 13, 1, 1, 1};
    private static final byte[] EC_PUBLIC_KEY = {6, 7, 42, (byte) 134, 72, (byte) 206, 61, 2, 1};
    private static final byte[] NULL = {5, 0};
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private PemKey() {}

    /** The key in {@code file} if it is one of the forms above, else null. */
    public static PrivateKey read(Path file) throws IOException {
        // Latin-1 takes any byte: a BOM or an accented name in a "Bag Attributes" header is not an error here
        String pem = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        try {
            byte[] pkcs8 = block(pem, "PRIVATE KEY");
            byte[] pkcs1 = block(pem, "RSA PRIVATE KEY");
            byte[] sec1 = block(pem, "EC PRIVATE KEY");
            if (pkcs8 != null) {
                return key(pkcs8);
            } else if (pkcs1 != null && !pem.contains("ENCRYPTED")) {
                return key(pkcs8(sequence(RSA_ENCRYPTION, NULL), pkcs1));
            } else if (sec1 != null && !pem.contains("ENCRYPTED")) {
                byte[] curve = curveOf(sec1); // a named curve (explicit parameters: Netty's reading says no)
                return curve == null ? null : key(pkcs8(sequence(EC_PUBLIC_KEY, curve), sec1));
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            // Netty's reading reports it
        }
        return null;
    }

    /** The DER of the one PEM block of {@code type}; null if there is none or more than one. */
    private static byte[] block(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (to < 0 || pem.indexOf(begin, to) >= 0) {
            return null;
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static PrivateKey key(byte[] pkcs8) {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        return null;
    }

    /** PrivateKeyInfo: version 0, the algorithm, the key in the algorithm's own form (RFC 5208). */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return der(0x30, concat(new byte[] {2, 1, 0}, algorithm, der(0x04, key)));
    }

    private static byte[] sequence(byte[]... parts) {
        return der(0x30, concat(parts));
    }

    /** The named curve's OID (whole, tag and length) from a SEC1 ECPrivateKey's [0] parameters, or null (RFC 5915). */
    private static byte[] curveOf(byte[] sec1) {
        int[] outer = header(sec1, 0);
        if (sec1[0] != 0x30) {
            return null;
        }
        for (int at = outer[0], end = outer[0] + outer[1]; at < end; ) {
            int[] h = header(sec1, at);
            if ((sec1[at] & 0xff) == 0xa0) { // [0] parameters: the curve's OID inside
                int[] oid = header(sec1, h[0]);
                return sec1[h[0]] == 6 ? java.util.Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]) : null;
            }
            at = h[0] + h[1];
        }
        return null;
    }

    /** For the DER element at {@code at}: where its content starts, and its length. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3) {
            throw new IllegalArgumentException("unsupported DER length");
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = length << 8 | der[at + 2 + i] & 0xff;
        }
        return new int[] {at + 2 + bytes, length};
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else if (n < 0x1000000) {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        } else {
            throw new IllegalArgumentException("a DER element of " + n + " bytes: no key is that long");
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
