package dev.forecourt.http;

import io.netty.handler.codec.http.HttpContent;

/** Where a {@link Body} delivers its chunks. */
public interface BodySink {

    /** A chunk; the sink owns (and must release or pass on) it. A {@code LastHttpContent} ends the body. */
    void onContent(HttpContent content);

    /** The source has delivered everything it had for now. */
    default void onFlush() {}

    /** The body broke before its end (the peer reset, a timeout, bad framing). */
    void onError(Throwable cause);
}
