package dev.forecourt.http;

/**
 * A body that passes another through, watching or copying what flows: flow control, cancellation, length and
 * state go to the {@link #source}; a subclass subscribes to it with a sink of its own in front of the caller's.
 */
public abstract class ForwardingBody implements Body {
    protected final Body source;

    protected ForwardingBody(Body source) {
        this.source = source;
    }

    @Override
    public void pause() {
        source.pause();
    }

    @Override
    public void resume() {
        source.resume();
    }

    @Override
    public void cancel() {
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

    @Override
    public boolean brokeUnread() {
        return source.brokeUnread();
    }
}
