package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The PROXY protocol version 2 header (haproxy's proxy-protocol.txt, section 2.2): a 16-byte fixed part (12-byte
 * signature, version and command, address family and transport, length of the rest) and the addresses. A link
 * writes it before any client byte so that the target knows who the client is; a listener that requires it reads
 * it first ({@link ProxyHeaderDecoder}). Only TCP over IPv4 and IPv6 carries an address; TLVs are skipped.
 */
final class ProxyHeader {
    private ProxyHeader() {}

    /** The spec's bound for a whole header, signature to last TLV: it always fits one IPv4 minimum-MSS segment. */
    static final int MAX_LENGTH = 536;
    private static final int FIXED = 16;
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int VERSION_2 = 0x20;
    private static final int LOCAL = 0x0, PROXY = 0x1;
    private static final int TCP4 = 0x11, TCP6 = 0x21, UNSPEC = 0x00, UNIX_STREAM = 0x31;

    /** The client a PROXY header named, on a connection that had one (absent for LOCAL and address-less headers). */
    static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("forecourt.proxy-client");

    /** What a header said: the original client and the address it connected to; both null for LOCAL and UNSPEC. */
    record Addresses(InetSocketAddress source, InetSocketAddress destination) {
        static final Addresses NONE = new Addresses(null, null);
    }

    /** The connection's client: the one a PROXY header named, else the socket's peer. */
    static InetSocketAddress clientOf(Channel connection) {
        InetSocketAddress proxied = connection.attr(CLIENT).get();
        return proxied != null ? proxied : ExchangeHandler.address(connection.remoteAddress());
    }

    /**
     * A LOCAL header: the connection is the proxy's own (a health check), with no client to name; the listener keeps
     * the connection's own addresses.
     */
    static ByteBuf encodeLocal(ByteBufAllocator alloc) {
        return alloc.buffer(FIXED).writeBytes(SIGNATURE).writeByte(VERSION_2 | LOCAL).writeByte(UNSPEC).writeShort(0);
    }

    /** A PROXY (not LOCAL) header for a TCP connection from {@code source} to {@code destination}. */
    static ByteBuf encode(ByteBufAllocator alloc, InetSocketAddress source, InetSocketAddress destination) {
        byte[] src = source.getAddress().getAddress();
        byte[] dst = destination.getAddress().getAddress();
        if (src.length != dst.length) { // one IPv4, one IPv6: both as IPv6 (IPv4-mapped)
            src = mapped(src);
            dst = mapped(dst);
        }
        boolean v4 = src.length == 4;
        int length = v4 ? 12 : 36;
        ByteBuf b = alloc.buffer(FIXED + length);
        b.writeBytes(SIGNATURE).writeByte(VERSION_2 | PROXY).writeByte(v4 ? TCP4 : TCP6).writeShort(length);
        b.writeBytes(src).writeBytes(dst).writeShort(source.getPort()).writeShort(destination.getPort());
        return b;
    }

    private static byte[] mapped(byte[] a) {
        if (a.length == 16) {
            return a;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(a, 0, m, 12, 4);
        return m;
    }

    /**
     * Reads one header from {@code in}: null while it is incomplete (nothing consumed); else the addresses, with the
     * header consumed. Refuses at the first byte that can't begin a valid header, so garbage is told at once.
     *
     * @throws CorruptedFrameException saying what is wrong
     */
    static Addresses decode(ByteBuf in) {
        int at = in.readerIndex();
        int seen = Math.min(in.readableBytes(), SIGNATURE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(at + i) != SIGNATURE[i]) {
                throw new CorruptedFrameException("no PROXY protocol v2 signature");
            }
        }
        if (in.readableBytes() < FIXED) {
            return null;
        }
        int versionCommand = in.getUnsignedByte(at + 12);
        int family = in.getUnsignedByte(at + 13);
        int length = in.getUnsignedShort(at + 14);
        if ((versionCommand & 0xF0) != VERSION_2) {
            throw new CorruptedFrameException("PROXY protocol version " + (versionCommand >> 4) + ", expected 2");
        }
        int command = versionCommand & 0x0F;
        if (command != LOCAL && command != PROXY) {
            throw new CorruptedFrameException("unknown PROXY protocol command " + command);
        }
        if (FIXED + length > MAX_LENGTH) {
            throw new CorruptedFrameException("PROXY protocol header of " + (FIXED + length) + " bytes, over " + MAX_LENGTH);
        }
        if (in.readableBytes() < FIXED + length) {
            return null;
        }
        Addresses addresses = command == LOCAL ? Addresses.NONE : switch (family) {
            case TCP4 -> addresses(in, at + FIXED, 4, length);
            case TCP6 -> addresses(in, at + FIXED, 16, length);
            case UNSPEC, UNIX_STREAM -> Addresses.NONE; // no IP address to take: the socket's stands
            default -> throw new CorruptedFrameException(String.format("PROXY protocol family/transport 0x%02x is not TCP", family));
        };
        in.skipBytes(FIXED + length);
        return addresses;
    }

    private static Addresses addresses(ByteBuf in, int at, int size, int length) {
        if (length < 2 * size + 4) {
            throw new CorruptedFrameException("PROXY protocol address block of " + length + " bytes, too short for its family");
        }
        byte[] src = new byte[size];
        byte[] dst = new byte[size];
        in.getBytes(at, src);
        in.getBytes(at + size, dst);
        int srcPort = in.getUnsignedShort(at + 2 * size);
        int dstPort = in.getUnsignedShort(at + 2 * size + 2);
        return new Addresses(new InetSocketAddress(address(src), srcPort), new InetSocketAddress(address(dst), dstPort));
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // an IPv4-mapped IPv6 address comes back as the IPv4 one
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only for a wrong length, which the caller rules out
        }
    }
}
