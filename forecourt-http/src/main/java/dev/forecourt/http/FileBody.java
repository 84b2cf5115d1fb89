package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * A body that is a region of an open file (a cached object on disk, or one in memory that a memory-backed file
 * holds too). On a plain HTTP/1.1 connection the listener hands it to the kernel whole ({@link #region()}: sendfile,
 * no copy through user memory); elsewhere (TLS, HTTP/2) it is read in 64 KiB chunks, as the sink takes them, or,
 * when the bytes are {@code held} in memory as well, delivered from there. It owns the channel and closes it when
 * done or cancelled; a body with {@code held} bytes owns only their reference (the channel is shared).
 */
public final class FileBody implements Body {
    private static final int CHUNK = 64 * 1024;
    private final FileChannel channel;
    private final long start;
    private final long count;
    private final boolean shared;
    private ByteBuf held;
    private long sent;
    private BodySink sink;
    private boolean paused;
    private boolean done;

    public FileBody(FileChannel channel, long start, long count) {
        this(channel, start, count, null);
    }

    /**
     * The bytes {@code held} (this body takes their reference), which the shared {@code channel} holds from
     * {@code start} as well; the channel stays open while the reference does.
     */
    public FileBody(FileChannel channel, long start, ByteBuf held) {
        this(channel, start, held.readableBytes(), held);
    }

    private FileBody(FileChannel channel, long start, long count, ByteBuf held) {
        this.channel = channel;
        this.start = start;
        this.count = count;
        this.held = held;
        this.shared = held != null;
    }

    /**
     * The whole region for sendfile; the region closes the channel (or, shared, releases the held bytes) when it is
     * released. Call instead of subscribe.
     */
    FileRegion region() {
        done = true;
        if (!shared) {
            return new DefaultFileRegion(channel, start, count);
        }
        ByteBuf owner = held;
        held = null;
        return new DefaultFileRegion(channel, start, count) {
            @Override
            protected void deallocate() {
                owner.release(); // the channel is shared: the last reference to its bytes closes it
            }
        };
    }

    @Override
    public void subscribe(BodySink sink) {
        this.sink = sink;
        if (shared) {
            ByteBuf whole = held;
            held = null;
            done = true;
            sink.onContent(new DefaultLastHttpContent(whole));
            sink.onFlush();
            return;
        }
        pump();
    }

    private void pump() {
        while (!paused && !done) {
            int n = (int) Math.min(CHUNK, count - sent);
            ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(n);
            try {
                while (buf.writerIndex() < n) {
                    if (buf.writeBytes(channel, start + sent + buf.writerIndex(), n - buf.writerIndex()) < 0) {
                        throw new IOException("the file ended early");
                    }
                }
            } catch (IOException e) {
                buf.release();
                close();
                sink.onError(new UncheckedIOException(e));
                return;
            }
            sent += n;
            boolean last = sent >= count;
            HttpContent c = last ? new DefaultLastHttpContent(buf) : new DefaultHttpContent(buf);
            if (last) {
                close();
            }
            sink.onContent(c);
        }
        if (!done) {
            sink.onFlush();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            pump();
        }
    }

    @Override
    public void cancel() {
        close();
    }

    private void close() {
        done = true;
        if (shared) {
            if (held != null) {
                held.release();
                held = null;
            }
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing what we only read
        }
    }

    @Override
    public long contentLength() {
        return count;
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
