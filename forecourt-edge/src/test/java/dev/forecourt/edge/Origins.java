package dev.forecourt.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Misbehaving origins on real sockets: each accepted connection gets a fixed treatment. */
public final class Origins implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();

    private Origins(Consumer<Socket> treatment) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> {
                        treatment.accept(s);
                        ended.incrementAndGet();
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Reads the request head, then answers with these exact bytes and closes. */
    public static Origins answering(String raw) throws IOException {
        return new Origins(s -> {
            try (s) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    /** A port free a moment ago (bound, then released): for a listener the test starts on it next. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A port nothing listens on, and nothing else can take: a socket stays bound to it, never listening, for as long
     * as this JVM runs. A port bound and released could be taken meanwhile (another test's listener or outgoing
     * connection), and the refusal a test waits for would be some other answer.
     */
    public static int refusingPort() throws IOException {
        java.net.Socket s = new java.net.Socket();
        s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        HELD.add(s);
        return s.getLocalPort();
    }

    private static final java.util.List<java.net.Socket> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Keeps each connection open and answers every request on it with these exact bytes. */
    public static Origins keepAliveAnswering(String raw) throws IOException {
        return new Origins(s -> {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (readHead(in)) {
                    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    /** Reads the request head, waits, then answers with these bytes and closes. */
    public static Origins slowly(String raw, long delayMillis) throws IOException {
        return new Origins(s -> {
            try (s) {
                readHead(s.getInputStream());
                Thread.sleep(delayMillis);
                s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (IOException | InterruptedException ignored) {
                // the test is over
            }
        });
    }

    /** Reads the request head and never answers. */
    public static Origins silent() throws IOException {
        return new Origins(s -> {
            try {
                readHead(s.getInputStream());
                Thread.sleep(10_000);
                s.close();
            } catch (IOException | InterruptedException ignored) {
                // the test is over
            }
        });
    }

    /**
     * Keeps each connection open and answers each request with a small 200, except {@code GET /switch}, which it
     * answers {@code 101 Switching Protocols} (unasked); whatever arrives on that connection afterwards is kept in
     * {@code afterSwitch}: bytes a proxy must never send there (another client's request).
     */
    public static Origins switchingUnasked(StringBuffer afterSwitch) throws IOException {
        return new Origins(s -> {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                StringBuilder head = new StringBuilder();
                while (readHead(in, head)) {
                    if (head.toString().startsWith("GET /switch ")) {
                        out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        int c;
                        while ((c = in.read()) >= 0) {
                            afterSwitch.append((char) c);
                        }
                        return;
                    }
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    head.setLength(0);
                }
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    /**
     * Records each request as it arrives, head and chunked body (with its trailer section), into {@code seen}, and
     * answers the end of each body with a chunked 200 whose trailer section is {@code trailers} (CRLF-ended lines).
     */
    public static Origins recordingChunked(StringBuffer seen, String trailers) throws IOException {
        return new Origins(s -> {
            try (s) {
                InputStream in = s.getInputStream();
                StringBuilder request = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    request.append((char) c);
                    seen.append((char) c);
                    String r = request.toString();
                    int body = r.indexOf("\r\n\r\n");
                    if (body > 0 && r.endsWith("\r\n\r\n") && r.substring(body).contains("\r\n0\r\n")) {
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                + "2\r\nok\r\n0\r\n" + trailers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections whose treatment is over (for a keep-alive origin: the client closed them). */
    public int ended() {
        return ended.get();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** False at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
        return readHead(in, new StringBuilder());
    }

    /** Reads one request head into {@code head}; false at the end of the stream. */
    private static boolean readHead(InputStream in, StringBuilder head) throws IOException {
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
