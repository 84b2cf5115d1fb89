package dev.forecourt.edge.framing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An origin on a raw socket that records exactly what Forecourt forwards: each complete request's method, target and
 * body (de-chunked once when it came chunked), and answers it {@code 200 ok}. It reads strictly: a forwarded head that
 * is itself malformed (bare CR or LF, NUL, obs-fold, ambiguous framing) is recorded as a problem, not read leniently.
 * A request cut off mid-way (the connection closed) is not recorded: a proxy may start streaming a body it refuses
 * later, as long as it then aborts. One still half-read when a try ends is reported as left dangling.
 *
 * <p>It reads each socket unbuffered: the bytes it has not parsed yet stay in the kernel, where {@link #settled} sees
 * them. A buffer would hide bytes read but not yet parsed, and a try could end while a reader that the scheduler had
 * not run yet still held a forwarded head (it then showed up, wrongly, as forwarded after its try).
 */
final class RecordingOrigin implements AutoCloseable {
    /** A request as it reached the origin. */
    record Seen(String method, String target, String body) {
        @Override
        public String toString() {
            return method + " " + Escape.literal(target) + " body " + Escape.literal(body);
        }
    }

    /** The forwarded bytes broke the origin's strict reading. */
    private static final class Malformed extends IOException {
        Malformed(String why) {
            super(why);
        }
    }

    /** A request being read: in which try it began, its request line and try tag once read (-1 for none). */
    private record Partial(int epoch, String line, int tag) {
        boolean of(int now) {
            return tag >= 0 ? tag == now : epoch == now;
        }
    }

    /** A complete request and the try its tag names (-1 for none). */
    private record Arrived(Seen seen, int tag) {}

    /** The field a try tags its first request with, so a request forwarded after its try is over is told apart. */
    static final String TAG = "X-Try";

    private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<Socket, Partial> reading = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> late = new CopyOnWriteArrayList<>();
    private volatile int epoch;

    RecordingOrigin() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("recording-origin").start(this::accept);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Starts try number n: forgets what earlier tries recorded; from now on, only requests of this try count. */
    void reset(int n) {
        epoch = n;
        seen.clear();
        problems.clear();
    }

    /**
     * Requests tagged by an earlier try that arrived (whole or in part) after that try was over, as "try n: request
     * line": the server forwarded them after answering the client. Each is told once.
     */
    List<String> late() {
        int now = epoch;
        List<String> out = new ArrayList<>(late);
        late.clear();
        reading.replaceAll((s, p) -> {
            if (p.tag() >= 0 && p.tag() != now && p.line() != null) {
                out.add("try " + p.tag() + ": " + p.line() + " (still half-sent)");
                return new Partial(p.epoch(), null, p.tag()); // told
            }
            return p;
        });
        return out;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Request lines of this try's requests still being read: forwarded in part, neither completed nor aborted. */
    List<String> dangling() {
        int now = epoch;
        return reading.values().stream().filter(p -> p.of(now) && p.line() != null).map(Partial::line).toList();
    }

    /**
     * True when every connection has parsed all that reached it and none is mid-request: what the server sent is all
     * recorded. A reader not scheduled yet leaves its bytes in the kernel, so it is not settled.
     */
    boolean settled() {
        if (reading.values().stream().anyMatch(p -> p.line() != null)) {
            return false; // mid-request (a request already told as late has no line left)
        }
        for (Socket s : open) {
            try {
                if (s.getInputStream().available() > 0) {
                    return false;
                }
            } catch (IOException closed) {
                // closed meanwhile: nothing left to read
            }
        }
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            InputStream in = socket.getInputStream(); // unbuffered: see the class comment
            OutputStream out = socket.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return; // closed between requests (or a TCP health check)
                }
                reading.put(socket, new Partial(epoch, "(request line not read yet)", -1));
                try {
                    Arrived a = request(socket, first, in);
                    if (a.tag() >= 0 && a.tag() != epoch) {
                        late.add("try " + a.tag() + ": " + a.seen() + " (complete)");
                    } else {
                        seen.add(a.seen());
                    }
                } finally {
                    reading.remove(socket);
                }
                out.write(ANSWER);
                out.flush();
            }
        } catch (Malformed e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            // cut off mid-request: not a complete request, so nothing to record
        } finally {
            open.remove(socket);
        }
    }

    private Arrived request(Socket socket, int first, InputStream in) throws IOException {
        String requestLine = line(in, String.valueOf((char) first));
        reading.computeIfPresent(socket, (s, p) -> new Partial(p.epoch(), requestLine, -1));
        String[] line = requestLine.split(" ", -1);
        // HTTP/1.0 passes: RFC 9110 6.2 wants a proxy's own version forwarded, but that is not framing
        if (line.length != 3 || !line[2].equals("HTTP/1.1") && !line[2].equals("HTTP/1.0")) {
            throw new Malformed("forwarded request line is not 'method SP target SP HTTP/1.x': " + Escape.literal(requestLine));
        }
        List<String> te = new ArrayList<>();
        List<String> cl = new ArrayList<>();
        int tag = -1;
        for (String field : fields(in)) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("forwarded field line without a name: " + Escape.literal(field));
            }
            String name = field.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = Syntax.trimOws(field.substring(colon + 1));
            if (name.equals("transfer-encoding")) te.add(value);
            if (name.equals("content-length")) cl.add(value);
            if (name.equalsIgnoreCase(TAG) && Syntax.digits(value)) tag = Integer.parseInt(value);
        }
        int tagged = tag;
        reading.computeIfPresent(socket, (s, p) -> new Partial(p.epoch(), p.line(), tagged));
        String body;
        if (!te.isEmpty()) {
            if (!cl.isEmpty() || !String.join(",", te).toLowerCase(Locale.ROOT).matches("(.*,\\s*)?chunked")) {
                throw new Malformed("forwarded framing is ambiguous: Transfer-Encoding " + te + ", Content-Length " + cl);
            }
            body = chunked(in);
        } else if (!cl.isEmpty()) {
            if (cl.size() != 1 || !Syntax.digits(cl.getFirst())) {
                throw new Malformed("forwarded Content-Length is not one number: " + cl);
            }
            int n = Integer.parseInt(cl.getFirst());
            byte[] data = in.readNBytes(n);
            if (data.length != n) throw new EOFException();
            body = new String(data, StandardCharsets.ISO_8859_1);
        } else {
            body = "";
        }
        return new Arrived(new Seen(line[0], line[1], body), tag);
    }

    private static String chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, "");
            int semi = size.indexOf(';');
            String hex = semi < 0 ? size : size.substring(0, semi);
            if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                throw new Malformed("forwarded chunk size is not hex: " + Escape.literal(size));
            }
            int n = Integer.parseInt(hex, 16);
            if (n == 0) {
                fields(in); // the trailer section: not part of the body, but read as strictly
                return body.toString(StandardCharsets.ISO_8859_1);
            }
            byte[] data = in.readNBytes(n);
            if (data.length != n) throw new EOFException();
            body.write(data);
            if (!line(in, "").isEmpty()) {
                throw new Malformed("forwarded chunk data is not followed by CRLF");
            }
        }
    }

    /** Field lines up to the empty line; an obs-fold must not be forwarded (RFC 9112 5.2). */
    private static List<String> fields(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String field = line(in, ""); !field.isEmpty(); field = line(in, "")) {
            if (Syntax.ows(field.charAt(0))) {
                throw new Malformed("forwarded an obs-fold line: " + Escape.literal(field));
            }
            out.add(field);
        }
        return out;
    }

    /** One CRLF-ended line; a bare CR, bare LF or NUL in a forwarded head is a problem of the proxy's. */
    private static String line(InputStream in, String start) throws IOException {
        StringBuilder b = new StringBuilder(start);
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException();
            if (c == '\n') {
                if (b.isEmpty() || b.charAt(b.length() - 1) != '\r') {
                    throw new Malformed("forwarded a bare LF: " + Escape.literal(b + "\n"));
                }
                String line = b.substring(0, b.length() - 1);
                if (line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
                    throw new Malformed("forwarded a bare CR or NUL in a head line: " + Escape.literal(line));
                }
                return line;
            }
            b.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
