package dev.forecourt.edge.cache;

import dev.forecourt.http.Body;
import dev.forecourt.http.BodySink;
import dev.forecourt.http.ForwardingBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.Consumer;

/**
 * A body passed through unchanged to its sink while a copy is kept, for the cache to store once the body has
 * ended whole. The copy is dropped (and {@code onEnd} gets null) if the body breaks, is cancelled, outgrows
 * {@code maxBytes} or the shared {@link InflightBudget}, or ends at another length than it declared: a truncated
 * object is never stored. The copy grows as bytes arrive (never sized up front from a declared length, which any
 * origin can make large), outside the pooled allocator, so what a dropped copy held goes back to the system.
 */
final class BodyTap extends ForwardingBody {
    private final long maxBytes;
    private final Consumer<ByteBuf> onEnd;
    private final InflightBudget budget;
    private long reserved;
    private ByteBuf copy;
    private boolean finished;

    BodyTap(Body source, long maxBytes, InflightBudget budget, Consumer<ByteBuf> onEnd) {
        super(source);
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.onEnd = onEnd;
        long declared = source.contentLength();
        if (declared > maxBytes) {
            finish(false);
        } else {
            int initial = (int) Math.min(declared >= 0 ? declared : 16 * 1024, 64 * 1024);
            this.copy = Unpooled.directBuffer(initial, (int) Math.min(Integer.MAX_VALUE, maxBytes));
        }
    }

    @Override
    public void subscribe(BodySink sink) {
        source.subscribe(new BodySink() {
            @Override
            public void onContent(HttpContent content) {
                if (copy != null) {
                    ByteBuf b = content.content();
                    if (copy.writerIndex() + (long) b.readableBytes() > maxBytes || !budget.reserve(b.readableBytes())) {
                        finish(false);
                    } else {
                        reserved += b.readableBytes();
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
        budget.release(reserved); // a stored copy is the memory tier's to count from here on
        reserved = 0;
        ByteBuf c = copy;
        copy = null;
        if (whole) {
            onEnd.accept(c); // as it grew: the cache trims it, unless it moves it elsewhere (HttpCache.store)
        } else {
            if (c != null) {
                c.release();
            }
            onEnd.accept(null);
        }
    }

    @Override
    public void cancel() {
        finish(false);
        source.cancel();
    }
}
