package dev.forecourt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A training run's request: one GET over a bare socket with {@code Connection: close}, read to its end (the answer
 * itself is not the point). Not an HTTP client: whatever the training loads, every later start maps and links from
 * the cache (java.net.http's client alone was ~270 classes, measured), and no verb that starts from it needs one.
 */
final class TrainingRequest {
    private TrainingRequest() {}

    static void get(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** {@link #get}, where a request that fails trains less: the cache is still made from what ran. */
    static void tryGet(int port, String path, String host) {
        try {
            get(port, path, host);
        } catch (IOException e) {
            // trains less
        }
    }
}
