package dev.forecourt.edge.role.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links through real sockets: a PROXY header into the ingress, TLS passed through, health, fail-open, deregistration. */
class LinkTest {
    @TempDir Path dir;

    private Forecourt start(String yaml) throws Exception {
        return Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1);
    }

    private static String platform(String privateListenExtra, String tls) {
        return """
                services:
                  echo: {domains: [echo.internal, localhost, other.test], app: {echo: {}}}
                ingress:
                  privateListen: 127.0.0.1:0
                  accessLog: off
                """ + privateListenExtra + tls;
    }

    private static String link(String name, String targets, String extra) {
        return "links:\n  " + name + ":\n    listen: 127.0.0.1:0\n    targets: [" + targets + "]\n    accessLog: off\n" + extra;
    }

    private static String get(Socket s, String host) throws IOException {
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.getInputStream().transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aProxyHeaderCarriesTheClientsAddressIntoTheIngress() throws Exception {
        // the HTTP checks begin with a PROXY header too (LOCAL), as an NLB's do: the ingress closes a connection
        // without one, so they failed every time (hidden by failing open). Host is the target's address, which the
        // ingress routes nowhere: 404, which this matcher takes
        try (Forecourt platform = start(platform("  proxyProtocol: [privateListen]\n", ""));
             Forecourt nlb = start(link("nlb", "127.0.0.1:" + platform.address("ingress-private").getPort(),
                     "    proxyProtocol: v2\n    healthCheck: {protocol: http, matcher: 200-499, interval: 150ms,"
                     + " timeout: 100ms, healthyThreshold: 1, unhealthyThreshold: 1}\n"))) {
            Thread.sleep(600); // a few checks
            assertThat(nlb.metrics().scrape()).contains("forecourt_upstream_healthy{instance=\"127.0.0.1:"
                    + platform.address("ingress-private").getPort() + "\",service=\"link/nlb\"} 1.0");
            int linkPort = nlb.address("link-nlb").getPort();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), linkPort, InetAddress.getByName("127.0.0.2"), 0)) {
                String answer = get(s, "echo.internal");
                assertThat(answer).startsWith("HTTP/1.1 200");
                // without the header the ingress would see the link's own connection, from 127.0.0.1
                assertThat(answer).contains("\"x-forwarded-for\":\"127.0.0.2\"");
            }
            try (Socket direct = new Socket(InetAddress.getLoopbackAddress(), platform.address("ingress-private").getPort())) {
                assertThat(get(direct, "echo.internal")).as("no PROXY header: closed, nothing forwarded").isEmpty();
            }
        }
    }

    @Test
    void aProxyHeaderFromAPeerTheIngressDoesNotTrustIsRefused() throws Exception {
        try (Forecourt platform = start(platform("  proxyProtocol: [privateListen]\n  trustForwardedFrom: [10.0.0.0/8]\n", ""));
             Forecourt nlb = start(link("nlb", "127.0.0.1:" + platform.address("ingress-private").getPort(),
                     "    proxyProtocol: v2\n"))) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nlb.address("link-nlb").getPort(),
                    InetAddress.getByName("127.0.0.2"), 0)) {
                // the header would make 127.0.0.2 (or any address it names) the client: not from a peer it does not trust
                String answer;
                try {
                    answer = get(s, "echo.internal");
                } catch (IOException reset) {
                    answer = "";
                }
                assertThat(answer).isEmpty();
            }
        }
    }

    @Test
    void tlsPassesThroughAndTheIngressPicksItsCertificateByTheClientsSni() throws Exception {
        TestCerts.Pem localhost = TestCerts.selfSigned(dir, "localhost");
        TestCerts.Pem other = TestCerts.selfSigned(dir, "other.test");
        String tls = "  tls: {certificates: [{cert: " + localhost.cert() + ", key: " + localhost.key() + "}, {cert: "
                + other.cert() + ", key: " + other.key() + "}]}\n";
        try (Forecourt platform = start(platform("", tls));
             Forecourt nlb = start(link("nlb", "127.0.0.1:" + platform.address("ingress-private").getPort(), ""))) {
            var ctx = TestCerts.trusting(localhost.cert(), other.cert());
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", nlb.address("link-nlb").getPort())) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName("other.test")));
                s.setSSLParameters(p);
                s.startHandshake();
                X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertThat(cert.getSubjectX500Principal().getName()).contains("CN=other.test");
                assertThat(get(s, "other.test")).startsWith("HTTP/1.1 200").contains("\"x-forwarded-proto\":\"https\"");
            }
        }
    }

    private static final String FAST_CHECKS =
            "    healthCheck: {protocol: tcp, interval: 100ms, timeout: 80ms, healthyThreshold: 1, unhealthyThreshold: 1}\n";

    /** The first byte a target says on a new connection through the link: its name. */
    private static char through(int linkPort) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), linkPort)) {
            s.setSoTimeout(3000);
            int b = s.getInputStream().read();
            return b < 0 ? '-' : (char) b;
        }
    }

    @Test
    void aTargetTheChecksTookOutGetsNoConnectionsAndAllUnhealthyFailsOpen() throws Exception {
        int dead = TcpTargets.deadPort();
        try (TcpTargets b = new TcpTargets('B');
             Forecourt nlb = start(link("nlb", "127.0.0.1:" + dead + ", " + b.address(), FAST_CHECKS))) {
            Thread.sleep(500); // a few checks
            int port = nlb.address("link-nlb").getPort();
            for (int i = 0; i < 6; i++) {
                assertThat(through(port)).as("connection %d goes to the healthy target only", i).isEqualTo('B');
            }
            assertThat(nlb.metrics().scrape()).contains("forecourt_upstream_healthy{instance=\"127.0.0.1:" + dead
                    + "\",service=\"link/nlb\"} 0.0");
        }
        try (TcpTargets a = new TcpTargets('A');
             Forecourt nlb = start(link("nlb", a.address(), FAST_CHECKS.replace("unhealthyThreshold: 1",
                     "unhealthyThreshold: 1, port: " + dead)))) { // the checks go to a port nothing listens on
            Thread.sleep(500);
            assertThat(nlb.metrics().scrape()).contains("service=\"link/nlb\"} 0.0");
            assertThat(through(nlb.address("link-nlb").getPort())).as("every target unhealthy: traffic to all").isEqualTo('A');
        }
    }

    @Test
    void aTargetThatFailsItsFirstCheckIsOutAtOnceNotAfterTheThreshold() throws Exception {
        // in on probation, as HAProxy starts its servers: three failures 5 s apart would have sent it connections
        // for 10 s, each one reset
        int dead = TcpTargets.deadPort();
        try (TcpTargets b = new TcpTargets('B');
             Forecourt nlb = start(link("nlb", "127.0.0.1:" + dead + ", " + b.address(),
                     "    healthCheck: {protocol: tcp, interval: 5s, timeout: 1s, unhealthyThreshold: 3}\n"))) {
            String out = "forecourt_upstream_healthy{instance=\"127.0.0.1:" + dead + "\",service=\"link/nlb\"} 0.0";
            for (long until = System.nanoTime() + 900_000_000L; !nlb.metrics().scrape().contains(out)
                    && System.nanoTime() < until; ) { // the first checks, at start: well within the 5 s interval
                Thread.sleep(20);
            }
            int port = nlb.address("link-nlb").getPort();
            for (int i = 0; i < 4; i++) {
                assertThat(through(port)).as("connection %d goes to the healthy target only", i).isEqualTo('B');
            }
        }
    }

    /** What {@code log} holds once a line with {@code word} is in it (up to 5 s); LinkTlsTest's too. */
    static String logged(Path log, String word) throws Exception {
        String lines = "";
        for (long until = System.currentTimeMillis() + 5000; System.currentTimeMillis() < until; Thread.sleep(50)) {
            lines = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
            if (lines.contains(word)) break;
        }
        return lines;
    }

    /** Opens a connection through the link to {@code target}'s name, trying until one lands there. */
    private static Socket connectionTo(int linkPort, char target) throws IOException {
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), linkPort);
            s.setSoTimeout(3000);
            if (s.getInputStream().read() == target) return s;
            s.close();
        }
        throw new AssertionError("no connection reached " + target);
    }

    /**
     * Millis until the link resets {@code s} (reads until then), at most {@code within}. A reset, not a FIN: the link
     * cut the stream mid-way, which a FIN would pass off as its end.
     */
    private static long resetAfter(Socket s, long within) throws IOException {
        long start = System.nanoTime();
        s.setSoTimeout((int) within);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // the target said nothing more
            }
            throw new AssertionError("ended by a FIN, where the link cut the stream: a reset says so");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + within + " ms");
        } catch (IOException reset) {
            // the reset
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aTargetTurnedUnhealthyKeepsItsConnectionsForTheDeregistrationDelayThenLosesThem() throws Exception {
        try (TcpTargets a = new TcpTargets('A'); TcpTargets b = new TcpTargets('B');
             Forecourt nlb = start(link("nlb", a.address() + ", " + b.address(), FAST_CHECKS
                     + "    deregistrationDelay: 1500ms\n"))) {
            int port = nlb.address("link-nlb").getPort();
            Socket toA = connectionTo(port, 'A');
            a.stopListening(); // its checks fail from now on; the open connection stays
            long after = resetAfter(toA, 6000);
            assertThat(after).as("kept for the delay (1.5 s), closed within a sweep after").isBetween(1400L, 4500L);
            assertThat(through(port)).isEqualTo('B');
        }
    }

    @Test
    void aTargetAReloadRemovesIsDeregisteredAfterTheDelay() throws Exception {
        try (TcpTargets a = new TcpTargets('A'); TcpTargets b = new TcpTargets('B')) {
            String one = link("nlb", a.address(), "    deregistrationDelay: 1s\n");
            try (Forecourt nlb = start(one)) {
                int port = nlb.address("link-nlb").getPort();
                Socket toA = connectionTo(port, 'A');
                String two = link("nlb", b.address(), "    deregistrationDelay: 1s\n"); // same listen: same socket
                nlb.reload(ConfigReader.read(dir.resolve("forecourt.yaml"), two));
                assertThat(through(port)).as("new connections go to the new target").isEqualTo('B');
                toA.getOutputStream().write('x');
                assertThat(toA.getInputStream().read()).as("the old one still flows, for the delay").isEqualTo('x');
                // and is still counted while it drains (the gauge counted the new configuration's targets only)
                String draining = "forecourt_link_open_connections{link=\"nlb\"} 1.0"; // once B's is closed too
                for (long until = System.nanoTime() + 2_000_000_000L; !nlb.metrics().scrape().contains(draining)
                        && System.nanoTime() < until; ) {
                    Thread.sleep(20);
                }
                assertThat(nlb.metrics().scrape()).contains(draining);
                assertThat(resetAfter(toA, 6000)).isLessThan(6000);
            }
        }
    }

    @Test
    void aShutdownAndAReloadThatMovesTheListenerLetRelayedConnectionsFinish() throws Exception {
        // as an HAProxy soft-stop: the drain counted HTTP requests only, so every relayed connection was cut at once
        try (TcpTargets a = new TcpTargets('A')) {
            Forecourt nlb = start(link("nlb", a.address(), ""));
            Socket toA = connectionTo(nlb.address("link-nlb").getPort(), 'A');
            nlb.reload(ConfigReader.read(dir.resolve("forecourt.yaml"), link("nlb", a.address(), "")
                    .replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + TcpTargets.deadPort()))); // a new listener
            toA.getOutputStream().write('x');
            assertThat(toA.getInputStream().read()).as("still flows after its listener was retired").isEqualTo('x');
            Thread drain = Thread.ofPlatform().start(() -> nlb.drain(java.time.Duration.ofSeconds(5)));
            Thread.sleep(300);
            toA.getOutputStream().write('y');
            assertThat(toA.getInputStream().read()).as("still flows while the drain waits").isEqualTo('y');
            long closing = System.nanoTime();
            toA.close();
            drain.join(5000);
            assertThat(drain.isAlive()).isFalse();
            assertThat((System.nanoTime() - closing) / 1_000_000).as("the drain ends when the connection does")
                    .isLessThan(3000);
        }
    }

    @Test
    void aLinkAReloadRemovesLogsItsConnectionsAsTheyEnd() throws Exception {
        // its log is what the reload drops: closed only once the retired listener's connections have ended
        Path log = dir.resolve("old.log");
        try (TcpTargets a = new TcpTargets('A')) {
            Forecourt nlb = start(link("nlb", a.address(), "").replace("accessLog: off", "accessLog: {path: " + log + "}"));
            try (nlb) {
                Socket toA = connectionTo(nlb.address("link-nlb").getPort(), 'A');
                nlb.reload(ConfigReader.read(dir.resolve("forecourt.yaml"), link("other", a.address(), "")));
                toA.getOutputStream().write('x');
                assertThat(toA.getInputStream().read()).isEqualTo('x');
                Thread.sleep(300);
                toA.close();
                String lines = logged(log, "client_closed");
                assertThat(lines).contains("link/nlb").contains("client_closed");
            }
        }
    }

    @Test
    void aReloadThatMovesALinksLogLogsTheOldConfigurationsConnectionsWhenTheyEnd() throws Exception {
        // the listener stays (same address) and takes the new relay; a connection of the old one still logs to the old
        // log, which the retired configuration closed at once: the line was lost
        Path before = dir.resolve("before.log");
        String logged = link("nlb", "%s", "").replace("accessLog: off", "accessLog: {path: " + before + "}");
        String movedLog = link("nlb", "%s", "").replace("accessLog: off",
                "accessLog: {path: " + dir.resolve("after.log") + "}");
        aConnectionAcrossReloadsLogsTo(before, logged, movedLog);
    }

    @Test
    void aConnectionOlderThanTwoReloadsLogsToTheLogItStartedWith() throws Exception {
        // the first reload keeps the log (same block), the second drops it: the retire of the second waited for its
        // own configuration's connections only, and closed the log under the first one's
        Path before = dir.resolve("first.log");
        String first = link("nlb", "%s", "").replace("accessLog: off", "accessLog: {path: " + before + "}");
        aConnectionAcrossReloadsLogsTo(before, first, first + "    idleTimeout: 300s\n", link("nlb", "%s", ""));
    }

    /**
     * A connection through a link started from {@code started} (a file with {@code %s} for its target), still open
     * across the {@code reloads}, logs its end to {@code log}: the log of the configuration it started with.
     */
    private void aConnectionAcrossReloadsLogsTo(Path log, String started, String... reloads) throws Exception {
        try (TcpTargets a = new TcpTargets('A')) {
            Forecourt nlb = start(started.formatted(a.address()));
            try (nlb) {
                Socket toA = connectionTo(nlb.address("link-nlb").getPort(), 'A');
                for (String next : reloads) {
                    nlb.reload(ConfigReader.read(dir.resolve("forecourt.yaml"), next.formatted(a.address())));
                }
                Thread.sleep(300); // the replaced configurations have retired what they could
                toA.getOutputStream().write('x');
                assertThat(toA.getInputStream().read()).isEqualTo('x');
                toA.close();
                String lines = logged(log, "client_closed");
                assertThat(lines).as("the log it started with").contains("link/nlb").contains("client_closed");
            }
        }
    }

    @Test
    void aStopRightAfterAReloadWritesTheLinesOfTheConnectionsItClosesToTheLogTheReloadDropped() throws Exception {
        // the dropped log is closed by the thread that retires the old configuration, which a stop now waits for; a
        // guard more than a witness: before, that daemon thread also finished first here, while the loops shut down
        Path before = dir.resolve("before.log");
        String logged = link("nlb", "%s", "").replace("accessLog: off", "accessLog: {path: " + before + "}");
        try (TcpTargets a = new TcpTargets('A')) {
            Forecourt nlb = start(logged.formatted(a.address()));
            Socket toA = connectionTo(nlb.address("link-nlb").getPort(), 'A');
            nlb.reload(ConfigReader.read(dir.resolve("forecourt.yaml"),
                    logged.replace("before.log", "after.log").formatted(a.address())));
            toA.getOutputStream().write('x');
            assertThat(toA.getInputStream().read()).isEqualTo('x');
            nlb.close();
            assertThat(java.nio.file.Files.readString(before)).as("written by the time the stop returns")
                    .contains("link/nlb").contains("listener_closed");
            toA.close();
        }
    }

    @Test
    void aReloadThatFailsLeavesTheOpenConnectionsCounted() throws Exception {
        try (TcpTargets a = new TcpTargets('A'); TcpTargets b = new TcpTargets('B');
             java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Forecourt nlb = start(link("nlb", a.address(), ""));
            try (nlb) {
                String failing = link("nlb", b.address(), "") + link("second", b.address(), "")
                        .substring("links:\n".length()).replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + taken.getLocalPort());
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> nlb.reload(ConfigReader.read(
                        dir.resolve("forecourt.yaml"), failing))).isInstanceOf(Exception.class);
                Socket toA = connectionTo(nlb.address("link-nlb").getPort(), 'A');
                assertThat(nlb.metrics().scrape()).as("the running configuration's count, the failed one's undone")
                        .contains("forecourt_link_open_connections{link=\"nlb\"} 1.0");
                toA.close();
            }
        }
    }

    @Test
    void eachConnectionIsOneLogLineAndCounted() throws Exception {
        Path log = dir.resolve("link.log");
        int dead = TcpTargets.deadPort();
        try (TcpTargets a = new TcpTargets('A');
             Forecourt nlb = start(link("nlb", a.address(), "").replace("accessLog: off",
                     "accessLog: {path: " + log + "}") + link("dead", "127.0.0.1:" + dead, "").substring("links:\n".length()))) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nlb.address("link-nlb").getPort())) {
                s.setSoTimeout(3000);
                assertThat(s.getInputStream().read()).isEqualTo('A');
                s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.getInputStream().readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
                s.shutdownOutput();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nlb.address("link-dead").getPort())) {
                s.setSoTimeout(3000);
                try {
                    assertThat(s.getInputStream().read()).as("closed, not hung").isEqualTo(-1);
                } catch (IOException reset) {
                    // reset, as an NLB resets a client whose target refused: closed all the same
                }
            }
            assertThat(logged(log, "client_closed")).containsPattern("link/nlb 127\\.0\\.0\\.1:\\d+ " + a.address().replace(".", "\\.")
                    + " 5 6 [\\d.]+ client_closed");
            String scrape = nlb.metrics().scrape();
            assertThat(scrape).contains("forecourt_link_connections_total{link=\"nlb\",reason=\"client_closed\"} 1.0",
                    "forecourt_link_connections_total{link=\"dead\",reason=\"target_connect_failure\"} 1.0",
                    "forecourt_link_bytes_total{direction=\"in\",link=\"nlb\"} 5.0",
                    "forecourt_link_bytes_total{direction=\"out\",link=\"nlb\"} 6.0",
                    "forecourt_link_open_connections{link=\"nlb\"} 0.0");
        }
    }
}
