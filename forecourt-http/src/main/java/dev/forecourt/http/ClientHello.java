package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a TLS ClientHello says about where it is going, read from a connection's first bytes without terminating
 * TLS: the server name (SNI), the protocols offered by ALPN, and the TLS versions offered. A link, which only relays
 * bytes, reads it so that {@code trace} can say what name a handshake asked for (the seed's "no SNI" shows at the hop
 * where it happens).
 *
 * @param sni the host_name of the server_name extension, or null when the client sent none
 * @param alpn the protocols offered by ALPN, in the client's order (empty: none offered)
 * @param versions the versions offered: supported_versions when present (TLSv1.3 clients), else the legacy version
 */
public record ClientHello(String sni, List<String> alpn, List<String> versions) {
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int ALPN = 16;
    private static final int SUPPORTED_VERSIONS = 43;

    /**
     * The ClientHello at the start of {@code in} (its reader index is not moved), or null when the bytes are not a
     * TLS handshake record or stop before the hello's extensions end (a hello split over reads is not waited for).
     */
    public static ClientHello parse(ByteBuf in) {
        try { // a slice: reading past what arrived throws, where the buffer's spare capacity would read old bytes
            return read(in.slice(), 0, in.readableBytes());
        } catch (IndexOutOfBoundsException e) {
            return null; // a length that points past what arrived
        }
    }

    private static ClientHello read(ByteBuf in, int at, int end) {
        if (end - at < 9 || in.getUnsignedByte(at) != HANDSHAKE || in.getUnsignedByte(at + 1) != 3
                || in.getUnsignedByte(at + 5) != CLIENT_HELLO) {
            return null;
        }
        int recordEnd = Math.min(end, at + 5 + in.getUnsignedShort(at + 3));
        int p = at + 9;                                    // record head 5, handshake type 1, length 3
        String legacy = version(in.getUnsignedShort(p));
        p += 2 + 32;                                       // version, random
        p += 1 + in.getUnsignedByte(p);                    // session id
        p += 2 + in.getUnsignedShort(p);                   // cipher suites
        p += 1 + in.getUnsignedByte(p);                    // compression methods
        if (p == recordEnd) {
            return new ClientHello(null, List.of(), List.of(legacy)); // no extensions at all
        }
        int extEnd = p + 2 + in.getUnsignedShort(p);
        if (extEnd > recordEnd) {
            return null;
        }
        p += 2;
        String sni = null;
        List<String> alpn = List.of();
        List<String> versions = List.of(legacy);
        while (p + 4 <= extEnd) {
            int type = in.getUnsignedShort(p);
            int len = in.getUnsignedShort(p + 2);
            int data = p + 4;
            if (data + len > extEnd) {
                return null;
            }
            switch (type) {
                case SERVER_NAME -> sni = serverName(in, data, data + len);
                case ALPN -> alpn = protocols(in, data, data + len);
                case SUPPORTED_VERSIONS -> versions = versions(in, data, data + len);
                default -> { }
            }
            p = data + len;
        }
        return new ClientHello(sni, alpn, versions);
    }

    /** server_name_list: the host_name entry (type 0). */
    private static String serverName(ByteBuf in, int p, int end) {
        int listEnd = Math.min(end, p + 2 + in.getUnsignedShort(p));
        p += 2;
        while (p + 3 <= listEnd) {
            int type = in.getUnsignedByte(p);
            int len = in.getUnsignedShort(p + 1);
            if (type == 0 && p + 3 + len <= listEnd) {
                return printable(in, p + 3, len);
            }
            p += 3 + len;
        }
        return null;
    }

    /**
     * The client's bytes as text for a trace line or a log: any byte outside printable ASCII (a control character, a
     * terminal's escape, a line break) is a '?', since a client can put anything in a hello.
     */
    private static String printable(ByteBuf in, int p, int len) {
        char[] text = new char[len];
        for (int i = 0; i < len; i++) {
            int b = in.getUnsignedByte(p + i);
            text[i] = b < 0x20 || b >= 0x7f ? '?' : (char) b;
        }
        return new String(text);
    }

    private static List<String> protocols(ByteBuf in, int p, int end) {
        int listEnd = Math.min(end, p + 2 + in.getUnsignedShort(p));
        List<String> out = new ArrayList<>(2);
        for (p += 2; p < listEnd; ) {
            int len = in.getUnsignedByte(p);
            if (p + 1 + len > listEnd) break;
            out.add(printable(in, p + 1, len));
            p += 1 + len;
        }
        return List.copyOf(out);
    }

    private static List<String> versions(ByteBuf in, int p, int end) {
        int listEnd = Math.min(end, p + 1 + in.getUnsignedByte(p));
        List<String> out = new ArrayList<>(4);
        for (p += 1; p + 2 <= listEnd; p += 2) {
            int v = in.getUnsignedShort(p);
            if ((v & 0x0f0f) != 0x0a0a) { // GREASE values (RFC 8701) name no version
                out.add(version(v));
            }
        }
        return List.copyOf(out);
    }

    private static String version(int v) {
        return switch (v) {
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            case 0x0300 -> "SSLv3";
            default -> String.format("0x%04x", v);
        };
    }

    /** "SNI iiif.internal, ALPN h2 http/1.1, TLSv1.3 TLSv1.2", or "no SNI, ..." as a person would say it. */
    public String describe() {
        return (sni == null ? "no SNI" : "SNI " + sni) + ", " + (alpn.isEmpty() ? "no ALPN" : "ALPN " + String.join(" ", alpn))
                + ", offers " + String.join(" ", versions);
    }
}
