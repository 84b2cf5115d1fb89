package dev.forecourt.http;

import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/** A body already in memory: delivered in one go on subscribe. */
final class BufferBody implements Body {
    private LastHttpContent content;

    BufferBody(LastHttpContent content) {
        this.content = content;
    }

    @Override
    public void subscribe(BodySink sink) {
        LastHttpContent c = content;
        if (c == null) {
            throw new IllegalStateException("body already consumed");
        }
        content = null;
        sink.onContent(c); // releasing the shared EMPTY_LAST_CONTENT is a no-op
        sink.onFlush();
    }

    @Override public void pause() {}
    @Override public void resume() {}

    @Override
    public void cancel() {
        if (content != null) {
            ReferenceCountUtil.release(content);
            content = null;
        }
    }

    @Override
    public long contentLength() {
        return content == null ? -1 : content.content().readableBytes();
    }

    @Override
    public boolean isDone() {
        return content == null;
    }
}
