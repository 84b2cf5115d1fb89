package dev.forecourt.http;

import java.net.InetSocketAddress;

/**
 * Chooses where a relayed connection goes, given its client (the PROXY header's, when the listener requires one).
 * Called on the connection's event loop: must not block. Null: no target can take it (the client is closed, the
 * record says {@code no_healthy_target}).
 */
@FunctionalInterface
public interface TargetPicker {
    RelayTarget pick(InetSocketAddress client);
}
