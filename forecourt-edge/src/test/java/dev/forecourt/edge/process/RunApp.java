package dev.forecourt.edge.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The run: tests' world: a directory holding the small Python app (src/test/resources/run/app.py) and a
 * forecourt.yaml that runs it as service {@code web} (Host web.internal) behind an ingress; requests through the
 * ingress; polling with deadlines; the process package's log.
 */
final class RunApp {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");
    /** Checked often, so that tests see a start or a crash soon; failures judged after two checks. */
    static final String HEALTH = "{protocol: http, path: /health, interval: 300ms, timeout: 250ms, healthyThreshold: 1,"
            + " unhealthyThreshold: 2}";

    final Path dir;

    RunApp(Path dir) throws IOException {
        this.dir = dir;
        try (InputStream in = RunApp.class.getResourceAsStream("/run/app.py")) {
            Files.copy(in, dir.resolve("app.py"));
        }
    }

    /** forecourt.yaml with service web running the app; {@code run}: more keys of its run block, indented by 6. */
    Config config(String run) throws Exception {
        return config(run, "");
    }

    /** ... and {@code ingress}: more keys of the ingress block (something else to change on a reload). */
    Config config(String run, String ingress) throws Exception {
        return config(run, ingress, "");
    }

    /** ... and {@code service}: more keys of service web (its timeouts). */
    Config config(String run, String ingress, String service) throws Exception {
        String yaml = """
                admin:
                  listen: 127.0.0.1:0
                ingress:
                  listen: 127.0.0.1:0
                  accessLog: off
                %s
                services:
                  web:
                    domains: [web.internal]
                    healthCheck: %s
                    readTimeout: 10s
                %s
                    run:
                      command: [python3, app.py]
                %s
                """.formatted(ingress.indent(2).stripTrailing(), HEALTH, service.indent(4).stripTrailing(),
                run.indent(6).stripTrailing());
        Path file = dir.resolve("forecourt.yaml");
        Files.writeString(file, yaml);
        return ConfigReader.read(file);
    }

    static HttpResponse<String> get(Forecourt f, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.address("ingress").getPort() + path))
                .header("Host", "web.internal").timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the admin listener. */
    static HttpResponse<String> admin(Forecourt f, String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.address("admin").getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The pid in an answer of the app. */
    static long pid(HttpResponse<String> r) {
        Matcher m = PID.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no pid in " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** The pid of the instance that answers, once one does (within {@code within}). */
    static long readyPid(Forecourt f, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> r = get(f, "/");
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = get(f, "/");
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("no instance answered within " + within + ": " + r.statusCode() + " " + r.body());
        }
        return pid(r);
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The number of instances in {@code state} as /metrics says. */
    static int instances(Forecourt f, String state) {
        Matcher m = Pattern.compile("forecourt_instances\\{service=\"web\",state=\"" + state + "\"} (\\d+)")
                .matcher(f.metrics().scrape());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** What the process package logs (at INFO, as bin/forecourt does), while the returned capture is open. */
    static final class Log implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.forecourt.edge.process");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        Log() {
            appender.start();
            logger.addAppender(appender);
            logger.setLevel(Level.INFO);
        }

        List<String> lines() {
            synchronized (appender) {
                return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
            }
        }

        /** When each line containing {@code text} was logged (ms since the epoch). */
        List<Long> times(String text) {
            synchronized (appender) {
                return appender.list.stream().filter(e -> e.getFormattedMessage().contains(text))
                        .map(ILoggingEvent::getTimeStamp).toList();
            }
        }

        boolean has(String text) {
            return lines().stream().anyMatch(l -> l.contains(text));
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
    }
}
