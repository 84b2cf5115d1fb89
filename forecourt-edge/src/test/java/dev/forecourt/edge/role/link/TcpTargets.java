package dev.forecourt.edge.role.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP target for link tests: says its name (one byte) on each connection, then echoes what it gets. */
final class TcpTargets implements AutoCloseable {
    private final char name;
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    TcpTargets(char name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                Thread.ofVirtual().start(() -> echo(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write(name);
            out.flush();
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) >= 0; ) {
                out.write(b, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the link closed it
        }
    }

    /** Stops accepting (health checks fail) while the connections it has stay open. */
    void stopListening() throws IOException {
        server.close();
    }

    /** A port nothing listens on (bound, then released). */
    static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) s.close();
    }
}
