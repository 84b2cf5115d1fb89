package dev.forecourt.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * A body read from a channel whose autoRead is off: it asks the channel for one more read only while its
 * sink wants more. The channel's handler feeds it with {@link #offer}, {@link #readComplete} and {@link #fail}.
 */
public final class ChannelBody implements Body {
    private final Channel channel;
    private final long contentLength;
    private final Runnable onCancel;
    private Runnable onFirstDemand;
    private final ArrayDeque<HttpContent> queue = new ArrayDeque<>(2);
    private BodySink sink;
    private boolean paused;
    private boolean ended;      // the last chunk arrived from the channel
    private boolean done;       // the last chunk (or an error) reached the sink, or we were cancelled
    private Throwable failure;

    public ChannelBody(Channel channel, long contentLength) {
        this(channel, contentLength, null);
    }

    /** {@code onCancel} runs when the sink gives up before the end: e.g. close an upstream connection mid-body. */
    public ChannelBody(Channel channel, long contentLength, Runnable onCancel) {
        this(channel, contentLength, onCancel, null);
    }

    /**
     * {@code onFirstDemand} runs once, when a sink first subscribes (nothing of the body is wanted before): e.g.
     * the 100 (Continue) that a client waits for before it sends the body.
     */
    ChannelBody(Channel channel, long contentLength, Runnable onCancel, Runnable onFirstDemand) {
        this.channel = channel;
        this.contentLength = contentLength;
        this.onCancel = onCancel;
        this.onFirstDemand = onFirstDemand;
    }

    /** A chunk read from the channel. */
    public void offer(HttpContent content) {
        if (done) {
            ReferenceCountUtil.release(content);
            return;
        }
        if (content instanceof LastHttpContent) {
            ended = true;
        }
        if (sink != null && !paused && queue.isEmpty()) {
            deliver(content);
        } else {
            queue.add(content);
        }
    }

    /** The channel finished one read: flush downstream, and read again if the sink wants more. */
    public void readComplete() {
        if (sink == null || done) {
            return;
        }
        if (queue.isEmpty()) {
            sink.onFlush();
        }
        readIfWanted();
    }

    /** The channel broke (reset, timeout, bad framing) before the body ended. */
    public void fail(Throwable cause) {
        if (done || ended) {
            return;
        }
        failure = cause;
        if (sink == null) {
            // what came of a broken body is never delivered (a sink that comes later gets the failure alone), and
            // none may come at all (its upstream never connected): let go of it now
            HttpContent c;
            while ((c = queue.poll()) != null) {
                ReferenceCountUtil.release(c);
            }
        } else if (queue.isEmpty()) {
            done = true;
            sink.onError(cause);
        }
    }

    /** True while the sink has paused the flow (its own channel is full): a stall then is the sink's side's. */
    public boolean isPaused() {
        return paused;
    }

    /** True while the sink takes chunks and more are expected from the channel: a stall then is the channel's side's. */
    public boolean isWaitingForData() {
        return sink != null && !paused && !ended && !done;
    }

    /** True if the last chunk has arrived from the channel (the sink may not have it yet). */
    public boolean isEnded() {
        return ended;
    }

    @Override
    public void subscribe(BodySink sink) {
        if (this.sink != null) {
            throw new IllegalStateException("body already subscribed");
        }
        this.sink = sink;
        if (onFirstDemand != null) {
            Runnable first = onFirstDemand;
            onFirstDemand = null;
            first.run();
        }
        drain();
        readIfWanted();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        drain();
        readIfWanted();
    }

    @Override
    public void cancel() {
        boolean early = !done && !ended;
        done = true;
        HttpContent c;
        while ((c = queue.poll()) != null) {
            ReferenceCountUtil.release(c);
        }
        if (early && onCancel != null) {
            onCancel.run();
        }
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public boolean brokeUnread() {
        return failure != null && sink == null;
    }

    private void drain() {
        HttpContent c;
        boolean delivered = false;
        while (!paused && !done && (c = queue.poll()) != null) {
            deliver(c);
            delivered = true;
        }
        if (!done && queue.isEmpty() && failure != null) {
            done = true;
            sink.onError(failure);
        } else if (delivered && !done && queue.isEmpty() && !paused) {
            // Flush only what was delivered: a flush with nothing new would send a response head on its own,
            // one more syscall and packet ahead of the body that is about to follow.
            sink.onFlush();
        }
    }

    private void deliver(HttpContent content) {
        if (content instanceof LastHttpContent) {
            done = true;
        }
        sink.onContent(content);
    }

    private void readIfWanted() {
        if (!paused && !ended && !done && failure == null && queue.isEmpty()) {
            channel.read();
        }
    }
}
