package dev.forecourt.edge.cache;

import dev.forecourt.http.Body;
import dev.forecourt.http.BodySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.Consumer;

/**
 * A body passed through unchanged to its sink while a copy is kept, for the cache to store once the body has
 * ended whole. The copy is dropped (and {@code onEnd} gets null) if the body breaks, is cancelled, outgrows
 * {@code maxBytes}, or ends at another length than it declared: a truncated object is never stored.
 */
final class BodyTap implements Body {
    private final Body source;
    private final long maxBytes;
    private final Consumer<ByteBuf> onEnd;
    private ByteBuf copy;
    private boolean finished;

    BodyTap(Body source, long maxBytes, Consumer<ByteBuf> onEnd) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.onEnd = onEnd;
        long declared = source.contentLength();
        if (declared > maxBytes) {
            finish(false);
        } else {
            int initial = (int) (declared >= 0 ? declared : Math.min(maxBytes, 16 * 1024));
            this.copy = ByteBufAllocator.DEFAULT.directBuffer(initial, (int) Math.min(Integer.MAX_VALUE, maxBytes));
        }
    }

    @Override
    public void subscribe(BodySink sink) {
        source.subscribe(new BodySink() {
            @Override
            public void onContent(HttpContent content) {
                if (copy != null) {
                    ByteBuf b = content.content();
                    if (copy.writerIndex() + (long) b.readableBytes() > maxBytes) {
                        finish(false);
                    } else {
                        copy.writeBytes(b, b.readerIndex(), b.readableBytes());
                    }
                }
                if (content instanceof LastHttpContent) {
                    long declared = source.contentLength();
                    finish(copy != null && (declared < 0 || declared == copy.readableBytes()));
                }
                sink.onContent(content);
            }

            @Override
            public void onFlush() {
                sink.onFlush();
            }

            @Override
            public void onError(Throwable cause) {
                finish(false);
                sink.onError(cause);
            }
        });
    }

    private void finish(boolean whole) {
        if (finished) {
            return;
        }
        finished = true;
        ByteBuf c = copy;
        copy = null;
        if (whole) {
            onEnd.accept(c);
        } else {
            if (c != null) {
                c.release();
            }
            onEnd.accept(null);
        }
    }

    @Override public void pause() {
        source.pause();
    }

    @Override public void resume() {
        source.resume();
    }

    @Override
    public void cancel() {
        finish(false);
        source.cancel();
    }

    @Override
    public long contentLength() {
        return source.contentLength();
    }

    @Override
    public boolean isDone() {
        return source.isDone();
    }
}
