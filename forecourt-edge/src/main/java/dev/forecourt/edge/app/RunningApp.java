package dev.forecourt.edge.app;

import dev.forecourt.http.Listener;
import dev.forecourt.http.RequestHandler;

/**
 * An embedded app as it runs: its handler (with whatever it holds: the IIIF server's render pool and caches) and
 * the loopback listener the ingress reaches it on. One unit, so that a reload that leaves the app's settings alone
 * keeps it running, warm, at the same address.
 */
public record RunningApp(RequestHandler handler, Listener listener) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        listener.close();
        if (handler instanceof AutoCloseable resources) {
            resources.close();
        }
    }
}
