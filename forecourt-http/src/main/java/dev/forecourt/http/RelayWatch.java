package dev.forecourt.http;

import java.net.InetSocketAddress;

/**
 * Who wants to hear of particular relayed connections ({@code trace}: a traced request that goes out through a
 * link). Asked on every read from a client, so {@link #active} must be cheap: while it is false nothing else is
 * called and nothing is made.
 */
public interface RelayWatch {
    RelayWatch NONE = new RelayWatch() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void passing(Facts connection) {}

        @Override
        public void closed(Facts connection, RelayRecord record) {}
    };

    /** Whether any connection is watched now. */
    boolean active();

    /** Bytes from {@code connection.client()} are being relayed (on the connection's event loop; must not block). */
    void passing(Facts connection);

    /** The connection has ended; {@code record} says how. */
    void closed(Facts connection, RelayRecord record);

    /**
     * One relayed connection as it stands: the listener, the client (as the PROXY header named it, if one came), its
     * TLS ClientHello (null: not TLS, or not whole in the first read), the target chosen (null: none yet) and the
     * address the relay connects to it from (null: not connected yet), and whether a PROXY header goes first.
     */
    record Facts(String listener, InetSocketAddress listenerAddress, InetSocketAddress client, ClientHello hello,
                 InetSocketAddress target, InetSocketAddress from, boolean proxyHeader, boolean tlsEnded,
                 boolean targetTls) {}
}
