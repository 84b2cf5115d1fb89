package dev.forecourt.edge.role.distribution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An origin on a real socket (the JDK's HTTP server) whose answer per path is set by the test, and which records
 * every request it sees: how many per path, and their headers. (An API's cached routes are tested against it too.)
 */
public final class TestOrigin implements AutoCloseable {
    /** What the origin answers: status, headers, body; {@code delayMillis} before answering. */
    public record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        public static Answer ok(String body, String... headerPairs) {
            return new Answer(200, pairs(headerPairs), body, 0);
        }

        public static Map<String, String> pairs(String... kv) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
            return m;
        }
    }

    /** A request as the origin saw it. */
    public record Seen(String method, String uri, com.sun.net.httpserver.Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Seen, Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    public TestOrigin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public void on(String path, Answer a) {
        answers.put(path, s -> a);
    }

    public void on(String path, Function<Seen, Answer> f) {
        answers.put(path, f);
    }

    public int count(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    public Seen last() {
        return seen.getLast();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders());
        seen.add(s);
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        ex.getRequestBody().readAllBytes();
        Function<Seen, Answer> f = answers.get(path);
        Answer a = f == null ? new Answer(404, Map.of(), "no such path", 0) : f.apply(s);
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        boolean noBody = a.status() == 304 || a.status() == 204 || ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(a.status(), noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
