package dev.forecourt.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * One relayed connection, told once when it has closed: who, to where, how many bytes each way ({@code bytesIn}
 * from the client towards the target, {@code bytesOut} back), for how long, and why it ended. {@code target} is
 * null when none was chosen (over the connection limit, no healthy target). {@code droppedIn} and {@code droppedOut}:
 * bytes read from one side and never written to the other, the same two ways: what was waiting when the connection
 * was cut or reset, or what a side sent after the other ended TLS with its close_notify (a TLS side takes nothing
 * after that, while TCP's half-close would have carried it).
 */
public record RelayRecord(String listener, InetSocketAddress client, InetSocketAddress target, long bytesIn,
                          long bytesOut, long droppedIn, long droppedOut, Duration duration, Reason reason) {

    /** Why a relayed connection ended, in the taxonomy's words ({@link #code()}). */
    public enum Reason {
        /** The client closed first (a FIN: the target's answer still flowed until it closed too). */
        CLIENT_CLOSED,
        /** The target closed first. */
        TARGET_CLOSED,
        /** The client reset the connection; the target's connection is reset too. */
        CLIENT_RESET,
        /** The target reset the connection (or died); the client's connection is reset too. */
        TARGET_RESET,
        /** The target could not be connected within the connect timeout; the client's connection is reset. */
        TARGET_CONNECT_FAILURE,
        /** A link that terminates TLS: the client's handshake failed (no common version, no certificate for its
         *  name, not TLS at all); no target was asked. */
        CLIENT_TLS_FAILURE,
        /** A link that speaks TLS to its targets: the handshake with the target failed; the client's connection is
         *  reset. */
        TARGET_TLS_FAILURE,
        /** No byte either way for the idle timeout. */
        IDLE_TIMEOUT,
        /** The caller closed the target's connections ({@link RelayTarget#closeConnections()}). */
        DEREGISTERED,
        /** The listener was at its maximum of open connections. */
        CONNECTION_LIMIT,
        /** The target picker had no target for it. */
        NO_HEALTHY_TARGET,
        /** The listener closed its connections (a drain at shutdown or reload). */
        LISTENER_CLOSED;

        private final String code = name().toLowerCase(Locale.ROOT); // once: every connection's record says it

        /** {@code target_connect_failure} and the like: the name logs and metrics use. */
        public String code() {
            return code;
        }

        boolean graceful() {
            return this == CLIENT_CLOSED || this == TARGET_CLOSED;
        }
    }
}
