package dev.forecourt.edge.process;

import dev.forecourt.http.Body;
import dev.forecourt.http.BodySink;
import dev.forecourt.http.ForwardingBody;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A response body passed through unchanged that runs {@code onEnd} once when it is over: its last chunk passed,
 * it broke, or it was cancelled. An instance counts a request as its own until then, so it is not stopped while
 * a body it sends is still on its way.
 */
final class BodyEnd extends ForwardingBody {
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onEnd;

    BodyEnd(Body source, Runnable onEnd) {
        super(source);
        this.onEnd = new java.util.concurrent.atomic.AtomicReference<>(onEnd);
    }

    private void end() {
        Runnable r = onEnd.getAndSet(null); // once, whichever way the body ends
        if (r != null) {
            r.run();
        }
    }

    @Override
    public void subscribe(BodySink sink) {
        source.subscribe(new BodySink() {
            @Override
            public void onContent(HttpContent content) {
                boolean last = content instanceof LastHttpContent;
                sink.onContent(content);
                if (last) {
                    end();
                }
            }

            @Override
            public void onFlush() {
                sink.onFlush();
            }

            @Override
            public void onError(Throwable cause) {
                end();
                sink.onError(cause);
            }
        });
    }

    @Override
    public void cancel() {
        end();
        source.cancel();
    }
}
