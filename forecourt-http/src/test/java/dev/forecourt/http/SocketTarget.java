package dev.forecourt.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relay's target for tests: a plain blocking server socket on 127.0.0.1 that runs {@code session} for each
 * connection on a virtual thread; what a session throws is kept for {@link #failure} (a test asserts none).
 */
final class SocketTarget implements AutoCloseable {
    /** What a target does with one accepted connection. */
    interface Session {
        void run(Socket s) throws Exception;
    }

    private final ServerSocket server;
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

    SocketTarget(Session session) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setSoTimeout(5000);
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            session.run(s);
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    RelayTarget target() {
        return new RelayTarget(address());
    }

    Throwable failure(long millis) throws InterruptedException {
        return failures.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
