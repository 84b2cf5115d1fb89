package dev.forecourt.http;

/** Told once when a response has been written whole, or has failed part way. */
@FunctionalInterface
public interface ResponseListener {
    /** {@code failure} is null when the whole response reached the socket. */
    void onComplete(long bodyBytes, Throwable failure);

    ResponseListener NONE = (bytes, failure) -> {};

    /**
     * The failure a response gets when the connection had already answered for its exchange itself (the request's
     * body broke before anything read it, or the exchange outlived limits.requestTimeout): that answer was logged
     * and counted where it was made, so this one, never sent, is not a second.
     */
    Throwable ALREADY_ANSWERED = new IllegalStateException("the connection already answered for this exchange") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a constant: no stack of its own
        }
    };
}
