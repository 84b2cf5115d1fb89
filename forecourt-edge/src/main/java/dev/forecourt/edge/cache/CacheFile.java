package dev.forecourt.edge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One stored object on disk: {@code FCC1}, the head (url, selection, times, status, headers), the body, and a
 * CRC32C of all of it. Written into the disk store's temporary file, which it renames into place, so a crash leaves
 * the old object or the new one; read back only whole and matching its checksum and lengths.
 */
final class CacheFile {
    private CacheFile() {}

    static final int MAGIC = 0x46434331; // "FCC1"

    /** Where a written file's body starts, and the file's whole size. */
    record Written(long bodyOffset, long size) {}

    /** Writes {@code r} (with {@code body}) into {@code ch}, from its start. */
    static Written write(FileChannel ch, String url, CachedResponse r, ByteBuf body) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(headBytes);
        out.writeInt(MAGIC);
        out.writeUTF(url);
        out.writeUTF(r.variant);
        writeList(out, r.varyNames);
        writeList(out, r.varyValues);
        out.writeInt(r.status.code());
        out.writeUTF(r.status.reasonPhrase());
        out.writeLong(r.requestTime);
        out.writeLong(r.responseTime);
        out.writeLong(r.lifetime);
        out.writeLong(r.initialAge);
        out.writeInt(r.headers.size());
        for (Map.Entry<String, String> h : r.headers) {
            out.writeUTF(h.getKey());
            out.writeUTF(h.getValue());
        }
        out.writeLong(body.readableBytes());
        out.flush();
        byte[] head = headBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(head);
        ByteBuffer bodyNio = body.nioBuffer();
        crc.update(bodyNio.duplicate());
        writeFully(ch, ByteBuffer.wrap(head));
        writeFully(ch, bodyNio);
        writeFully(ch, ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()));
        return new Written(head.length, head.length + body.readableBytes() + 4L);
    }

    /** The bytes of a body that lives in a (checked) file region. */
    static ByteBuf readBody(CachedResponse.BodyFile f) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer((int) f.length());
            try {
                while (buf.writerIndex() < f.length()) {
                    if (buf.writeBytes(ch, f.offset() + buf.writerIndex(), (int) f.length() - buf.writerIndex()) < 0) {
                        throw new IOException("short read");
                    }
                }
                return buf;
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            }
        }
    }

    /** Reads and checks a whole file: the stored response, or an IOException saying what is wrong with it. */
    static CachedResponse read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16 || size > Integer.MAX_VALUE) {
                throw new IOException("size " + size);
            }
            ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer((int) size);
            try {
                while (buf.writerIndex() < size) {
                    if (buf.writeBytes(ch, buf.writerIndex(), (int) size - buf.writerIndex()) < 0) {
                        throw new IOException("short read");
                    }
                }
                CRC32C crc = new CRC32C();
                crc.update(buf.nioBuffer(0, (int) size - 4));
                if ((int) crc.getValue() != buf.getInt((int) size - 4)) {
                    throw new IOException("checksum mismatch");
                }
                Head h = Head.read(new io.netty.buffer.ByteBufInputStream(buf.duplicate()));
                int bodyStart = h.headLength;
                if (bodyStart + h.bodyLength + 4 != size) {
                    throw new IOException("length mismatch");
                }
                ByteBuf body = buf.retainedSlice(bodyStart, (int) h.bodyLength);
                return h.response(body);
            } finally {
                buf.release();
            }
        } catch (RuntimeException e) {
            throw new IOException(e.toString(), e);
        }
    }

    /** A file's head, parsed. */
    record Head(String url, String variant, List<String> varyNames, List<String> varyValues, int status,
                        String reason, long requestTime, long responseTime, long lifetime, long initialAge,
                        HttpHeaders headers, long bodyLength, int headLength) {

        static Head read(InputStream raw) throws IOException {
            CountingInput counted = new CountingInput(raw);
            DataInputStream in = new DataInputStream(counted);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a cache file");
            }
            String url = in.readUTF();
            String variant = in.readUTF();
            List<String> names = readList(in);
            List<String> values = readList(in);
            int status = in.readInt();
            String reason = in.readUTF();
            long reqT = in.readLong();
            long respT = in.readLong();
            long life = in.readLong();
            long age = in.readLong();
            int n = in.readInt();
            HttpHeaders h = new DefaultHttpHeaders(false);
            for (int i = 0; i < n; i++) {
                h.add(in.readUTF(), in.readUTF());
            }
            long bodyLength = in.readLong();
            return new Head(url, variant, names, values, status, reason, reqT, respT, life, age, h, bodyLength,
                    (int) counted.count);
        }

        CachedResponse response(ByteBuf body) {
            Directives cc = Directives.parse(headers.contains("cdn-cache-control")
                    ? headers.getAll("cdn-cache-control") : headers.getAll("cache-control"));
            return new CachedResponse(variant, varyNames, varyValues, new HttpResponseStatus(status, reason), headers,
                    body, requestTime, responseTime, lifetime, initialAge, cc);
        }
    }

    /** A stable file name for an object: a hash of its url and selection. */
    static String name(String url, CachedResponse r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((url + '\0' + r.variant + '\0' + r.varyNames + '\0' + r.varyValues).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeBoolean(s != null);
            if (s != null) out.writeUTF(s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1024) throw new IOException("bad list length " + n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readBoolean() ? in.readUTF() : null);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Counts bytes read, to know where the head ends. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
