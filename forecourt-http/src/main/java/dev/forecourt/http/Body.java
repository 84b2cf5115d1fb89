package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A message body that flows one chunk at a time, from a source (a socket, a buffer) to one sink.
 *
 * <pre>
 *   source ──onContent()──▶ sink        (ownership of each chunk passes to the sink)
 *          ──onFlush()────▶             (the source delivered all it had: a good moment to flush)
 *          ◀──pause()/resume()──        (the sink's channel is full / has room again)
 * </pre>
 *
 * The body ends with a {@link LastHttpContent}. A source reads from its socket only while the sink has not
 * paused it, so a slow reader slows the writer: backpressure, never buffering of whole bodies. All calls
 * happen on one event loop.
 */
public interface Body {

    /** Starts the flow. Called once. */
    void subscribe(BodySink sink);

    /** The sink cannot take more for now. */
    void pause();

    /** The sink can take more again. */
    void resume();

    /** The sink gives up the body: the source releases what it holds and stops. */
    void cancel();

    /** The declared length in bytes, or -1 if unknown. */
    long contentLength();

    /** True once the last chunk was handed to the sink (or the body failed or was cancelled). */
    boolean isDone();

    /** True if the body's source broke (bad framing, the client gone) before a sink took any of it. */
    default boolean brokeUnread() {
        return false;
    }

    /** No body. Stateless, so one instance serves every exchange. */
    Body EMPTY = new Body() {
        @Override public void subscribe(BodySink sink) {
            sink.onContent(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        @Override public void pause() {}
        @Override public void resume() {}
        @Override public void cancel() {}
        @Override public long contentLength() {
            return 0;
        }
        @Override public boolean isDone() {
            return false;
        }
    };

    /**
     * Reads a body to its end, dropping its bytes, then tells {@code onEnd} how many there were (or -1 if the body
     * broke). For apps that answer only once the request is whole.
     */
    static void drain(Body body, java.util.function.LongConsumer onEnd) {
        body.subscribe(new BodySink() {
            private long bytes;

            @Override
            public void onContent(io.netty.handler.codec.http.HttpContent content) {
                bytes += content.content().readableBytes();
                boolean last = content instanceof LastHttpContent;
                content.release();
                if (last) {
                    onEnd.accept(bytes);
                }
            }

            @Override
            public void onError(Throwable cause) {
                onEnd.accept(-1);
            }
        });
    }

    /** A body held whole in one buffer (local responses: errors, metrics). */
    static Body of(ByteBuf buf) {
        return new BufferBody(new DefaultLastHttpContent(buf));
    }
}
