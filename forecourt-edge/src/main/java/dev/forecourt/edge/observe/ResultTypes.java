package dev.forecourt.edge.observe;

import dev.forecourt.edge.Exchange;

/**
 * The cloud's access-log result types for an exchange: {@code Hit}, {@code RefreshHit}, {@code Miss}, {@code Error}
 * (the edge answered with an error of its own) and, in detail, which origin trouble or client trouble it was.
 * Null on hops without a cache.
 */
final class ResultTypes {
    private ResultTypes() {}

    static String result(Exchange x, Throwable failure) {
        if (x.error() != null || failure != null) {
            return "Error";
        }
        return x.cacheResult();
    }

    static String detailed(Exchange x, Throwable failure) {
        if (failure != null && x.error() == null) {
            return "ClientCommError";
        }
        if (x.error() == null) {
            return x.cacheResult();
        }
        return switch (x.error()) {
            case UPSTREAM_CONNECT_FAILURE, UPSTREAM_TLS_FAILURE -> "OriginConnectError";
            case UPSTREAM_TIMEOUT -> "OriginReadTimeout";
            case UPSTREAM_RESET, UPSTREAM_BAD_RESPONSE -> "OriginCommError";
            default -> x.error().code();
        };
    }
}
