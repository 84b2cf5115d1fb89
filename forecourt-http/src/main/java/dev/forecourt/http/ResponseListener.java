package dev.forecourt.http;

/** Told once when a response has been written whole, or has failed part way. */
@FunctionalInterface
public interface ResponseListener {
    /** {@code failure} is null when the whole response reached the socket. */
    void onComplete(long bodyBytes, Throwable failure);

    ResponseListener NONE = (bytes, failure) -> {};
}
