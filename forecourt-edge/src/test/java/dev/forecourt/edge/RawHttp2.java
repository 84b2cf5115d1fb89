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

    /** A HEADERS frame on stream 1 with these fields, literal and not indexed (RFC 7541 6.2.2); lengths under 127. */
    RawHttp2 headers(boolean endStream, List<String[]> fields) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (String[] field : fields) {
            byte[] name = field[0].getBytes(StandardCharsets.UTF_8);
            byte[] value = field[1].getBytes(StandardCharsets.UTF_8);
            block.write(0);
            block.write(name.length);
            block.write(name);
            block.write(value.length);
            block.write(value);
        }
        return frame(HEADERS, endStream ? 5 : 4, 1, block.toByteArray()); // END_HEADERS, and END_STREAM if asked
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
