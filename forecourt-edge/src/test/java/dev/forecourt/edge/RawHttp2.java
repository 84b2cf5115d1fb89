package dev.forecourt.edge;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An HTTP/2 client of raw frames (prior knowledge, cleartext), for tests that must send bytes a real client would
 * not: header fields as they are given, bodies cut short. Frames are read one at a time, as they come.
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int GOAWAY = 7;
    static final int CONTINUATION = 9;

    /** One frame read: its type, stream and payload. */
    record Frame(int type, int stream, byte[] payload) {
        Http2Headers headers() throws Exception {
            return new DefaultHttp2HeadersDecoder(false).decodeHeaders(stream, Unpooled.wrappedBuffer(payload));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** Connects, sends the preface and an empty SETTINGS frame; each read waits at most {@code timeoutMillis}. */
    RawHttp2(InetSocketAddress address, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(timeoutMillis);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        frame(4, 0, 0, new byte[0]);
    }

    /**
     * The header block of these fields on stream 1, literal and not indexed (RFC 7541 6.2.2): one HEADERS frame, or
     * with CONTINUATION frames after it where the block is longer than the 16 KiB a frame may carry.
     */
    RawHttp2 headers(boolean endStream, List<String[]> fields) throws IOException {
        byte[] block = block(fields);
        int max = 16 * 1024;
        for (int at = 0; at == 0 || at < block.length; at += max) {
            byte[] part = java.util.Arrays.copyOfRange(block, at, Math.min(block.length, at + max));
            int endHeaders = at + max >= block.length ? 4 : 0;
            frame(at == 0 ? HEADERS : CONTINUATION, endHeaders | (at == 0 && endStream ? 1 : 0), 1, part);
        }
        return this;
    }

    /** A HEADERS frame on stream 1 with these fields and without END_HEADERS: a block begun, never ended. */
    RawHttp2 headersBegun(List<String[]> fields) throws IOException {
        return frame(HEADERS, 0, 1, block(fields));
    }

    private static byte[] block(List<String[]> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] field : fields) {
            out.write(0);
            string(out, field[0]);
            string(out, field[1]);
        }
        return out.toByteArray();
    }

    /** A string literal, not Huffman-coded: its length as an integer of a 7-bit prefix (RFC 7541 5.1, 5.2). */
    private static void string(ByteArrayOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        if (n < 127) {
            out.write(n);
        } else {
            out.write(127);
            for (n -= 127; n >= 128; n >>= 7) {
                out.write(n & 127 | 128);
            }
            out.write(n);
        }
        out.write(bytes);
    }

    /** A DATA frame on stream 1 that does not end it. */
    RawHttp2 data(String bytes) throws IOException {
        return frame(DATA, 0, 1, bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    private RawHttp2 frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >> 16), (byte) (payload.length >> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >> 24), (byte) (stream >> 16), (byte) (stream >> 8), (byte) stream});
        out.write(payload);
        out.flush();
        return this;
    }

    /** The next frame the server sends. */
    Frame next() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        return new Frame(type, stream, in.readNBytes(length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
