package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What any client can make us log is one line, with its address, at most a few a second: never a stack trace. */
class ConnectionErrorLogTest {
    @TempDir
    static Path dir;
    static Forecourt secure;

    @org.junit.jupiter.api.BeforeAll
    static void start() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "localhost");
        TlsConfig tls = new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2");
        secure = Forecourt.start(Configs.of(Path.of("t.yaml"), Map.of(), Map.of("app", Fixture.echo("app", List.of("app.internal"), true)),
                new IngressConfig("127.0.0.1:0", null, tls, null, AccessLogConfig.OFF, Limits.DEFAULT), null), 1);
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        secure.close();
    }

    @Test
    void aFailedTlsHandshakeAndABadHttp2FrameAreOneLineEachAndRateLimited() throws Exception {
        long[] spanned = new long[1];
        List<ILoggingEvent> events = loggedWhile(() -> {
            try (Forecourt plain = Forecourt.start(Fixture.config(Fixture.echo("app", List.of("app.internal"), true)), 1)) {
                long firstSecond = System.nanoTime() / 1_000_000_000L;
                for (int i = 0; i < 30; i++) {
                    closeAfter(secure.address("ingress"), new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5}); // a broken ClientHello
                }
                spanned[0] = System.nanoTime() / 1_000_000_000L - firstSecond + 1; // the limiter's whole seconds spanned
                // the preface, then a DATA frame on stream 0 (a connection error, RFC 9113 6.1)
                byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                byte[] bad = new byte[preface.length + 9 + 9];
                System.arraycopy(preface, 0, bad, 0, preface.length);
                byte[] frames = {0, 0, 0, 4, 0, 0, 0, 0, 0, /* DATA on stream 0: */ 0, 0, 0, 0, 1, 0, 0, 0, 0};
                System.arraycopy(frames, 0, bad, preface.length, frames.length);
                closeAfter(plain.address("ingress"), bad);
                Thread.sleep(300);
            }
        });
        long seconds = spanned[0];
        assertThat(events).as("no stack trace for what a client did")
                .noneMatch(e -> e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO));
        List<String> tlsLines = events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("TLS handshake failed from 127.0.0.1:")).toList();
        assertThat(tlsLines).isNotEmpty().hasSizeLessThanOrEqualTo((int) Math.min(30, 10 * seconds)); // at most 10 a second
        if (seconds == 1) {
            assertThat(tlsLines).hasSize(10); // 30 failures in one second: 10 lines, the rest counted, not logged
        }
        assertThat(events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("ingress: HTTP/2 protocol error from 127.0.0.1:"))).as("the bad frame").hasSize(1);
    }

    @Test
    void anHttp2RequestWithAFieldHttp2ForbidsIsOneLineAndItsStreamResetOnly() throws Exception {
        // an uppercase field name (RFC 9113 8.2.1): Netty resets the stream, and said nothing of it
        int[] reset = new int[1];
        List<ILoggingEvent> events = loggedWhile(() -> {
            try (Forecourt plain = Forecourt.start(Fixture.config(Fixture.echo("app", List.of("app.internal"), true)), 1);
                    RawHttp2 c = new RawHttp2(plain.address("ingress"), 3000)) {
                c.headers(true, List.of(new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", "/"},
                        {":authority", "app.internal"}, {"X-Upper", "1"}}));
                RawHttp2.Frame frame = c.next();
                while (frame.type() != RawHttp2.RST_STREAM) {
                    frame = c.next();
                }
                reset[0] = frame.stream();
                Thread.sleep(300);
            }
        });
        assertThat(reset[0]).as("the stream reset").isEqualTo(1);
        assertThat(events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("ingress: malformed HTTP/2 request, its stream reset from 127.0.0.1:")))
                .as("the line").hasSize(1);
        assertThat(events).noneMatch(e -> e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO));
    }

    @Test
    void anHttp2HeaderBlockBegunAndNotEndedIsClosedAtTheHeaderTimeoutNotTheIdleOne() throws Exception {
        Limits limits = new Limits(64 * 1024, 8 * 1024, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(60),
                java.time.Duration.ofSeconds(300), 10_000, 128);
        boolean[] goaway = new boolean[1];
        long[] millis = new long[1];
        List<ILoggingEvent> events = loggedWhile(() -> {
            try (Forecourt plain = Forecourt.start(Fixture.config(limits, AccessLogConfig.OFF,
                    Fixture.echo("app", List.of("app.internal"), true)), 1);
                    RawHttp2 c = new RawHttp2(plain.address("ingress"), 8000)) {
                long start = System.nanoTime();
                c.headersBegun(List.of(new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", "/"}}));
                try {
                    for (;;) {
                        goaway[0] |= c.next().type() == RawHttp2.GOAWAY;
                    }
                } catch (java.io.EOFException closed) {
                    millis[0] = (System.nanoTime() - start) / 1_000_000;
                }
                Thread.sleep(300);
            }
        });
        assertThat(millis[0]).as("closed after the header timeout (1 s), well before the idle one (60 s)").isBetween(900L, 5000L);
        assertThat(goaway[0]).as("GOAWAY before the close").isTrue();
        assertThat(events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("ingress: HTTP/2 request head too slow from 127.0.0.1:"))).hasSize(1);
    }

    interface Client {
        void run() throws Exception;
    }

    /** What is logged while {@code client} runs, ConnectionErrors' lines at INFO as bin/forecourt logs them. */
    private static List<ILoggingEvent> loggedWhile(Client client) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        Logger errors = (Logger) LoggerFactory.getLogger("dev.forecourt.http.ConnectionErrors");
        errors.setLevel(ch.qos.logback.classic.Level.INFO); // (the tests' root is at WARN)
        try {
            client.run();
        } finally {
            root.detachAppender(logged);
            errors.setLevel(null);
        }
        return List.copyOf(logged.list);
    }

    /** Sends bytes, then reads until the server closes (at most 3 s). */
    private static void closeAfter(InetSocketAddress a, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(a, 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(bytes);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                while (in.read(buf) >= 0) { /* until closed */ }
            } catch (java.io.IOException ignored) {
                // reset: closed all the same
            }
        }
    }

    @Test
    void aPartOfAProxyHeaderIsOneLineWhetherTheClientClosesOrStallsAndNothingSentIsNone() throws Exception {
        byte[] part = {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d}; // the first 6 of the 12 signature bytes
        List<ILoggingEvent> events = loggedWhile(() -> {
            try (Forecourt f = Forecourt.start(dev.forecourt.edge.runtime.ConfigReader.read(Path.of("t.yaml"), """
                    services:
                      app: {domains: [app.internal], app: {echo: {}}}
                    ingress:
                      listen: 127.0.0.1:0
                      proxyProtocol: true
                      limits: {headerTimeout: 1s}
                    """), 1)) {
                try (Socket s = new Socket()) { // part of a header, then the client's close
                    s.connect(f.address("ingress"), 2000);
                    s.getOutputStream().write(part);
                }
                closeAfter(f.address("ingress"), part); // part of a header, then a stall: the header timeout closes it
                closeAfter(f.address("ingress"), new byte[0]); // nothing (a TCP health check): no line
                Thread.sleep(300);
            }
        });
        assertThat(events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("PROXY")).toList()).hasSize(2).allSatisfy(m -> assertThat(m)
                .startsWith("ingress: missing or malformed PROXY protocol v2 header from 127.0.0.1:")
                .endsWith("the connection ended after 6 bytes of a PROXY header, before its end"));
    }

    @Test
    void plainHttpSentToATlsPortIs400SayingSo() throws Exception {
        try (dev.forecourt.http.RawHttp c = new dev.forecourt.http.RawHttp(secure.address("ingress"))) {
            String r = c.send("GET / HTTP/1.1\r\nHost: app.internal\r\n\r\n").readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "plain HTTP", "TLS port");
        }
    }
}
