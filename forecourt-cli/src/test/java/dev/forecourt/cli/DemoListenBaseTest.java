package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code forecourt demo --listen-base PORT} moves every listener of the demo, and prints the URLs where they are. */
class DemoListenBaseTest {

    @Test
    void everyListenerMovesWithTheBaseAndTheChainStillReachesTheApp() throws Exception {
        DemoPorts ports = new DemoPorts(freeBase());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Forecourt f = DemoCommand.start(ports, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(f.addresses()).hasSize(6);
            assertThat(f.address("ingress").getPort()).isEqualTo(ports.base());
            assertThat(f.address("ingress-private").getPort()).isEqualTo(ports.base() + 443);
            assertThat(f.address("link-nlb").getPort()).isEqualTo(ports.base() + 1);
            assertThat(f.address("api-public").getPort()).isEqualTo(ports.base() - 920);
            assertThat(f.address("distribution-images").getPort()).isEqualTo(ports.base() - 557);
            assertThat(f.address("admin").getPort()).isEqualTo(ports.base() + 901);

            String urls = printed.toString(StandardCharsets.UTF_8);
            assertThat(urls).contains("http://127.0.0.1:" + ports.ingress() + "/hello",
                    "https://private.internal:" + ports.ingressPrivate() + "/", "http://iiif.localhost:" + ports.ingress() + "/",
                    "http://127.0.0.1:" + ports.distribution() + "/api/iiif/3/", "http://127.0.0.1:" + ports.admin() + "/metrics",
                    "http://images.localhost:" + ports.distribution() + "/api/view/sample.jpg",
                    "API 127.0.0.1:" + ports.api() + " -> link 127.0.0.1:" + ports.link());
            assertThat(urls).doesNotContain(":9000/", ":9443/", ":8443/", ":9901/", ":8080", ":9001");

            // On the wire: the chain follows the base (the origin, the link, its target and the integration moved too).
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ports.distribution() + "/api/iiif/3/sample.jpg/info.json")).header("Host", "images.example.org").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
            assertThat(info.body()).contains("\"id\" : \"http://images.example.org/api/iiif/3/sample.jpg\"");
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.admin() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBaseThatPutsAListenerOffTheEndIsRefusedInOneLine() {
        assertThat(demo("--listen-base", "500")).isEqualTo("2 forecourt demo: --listen-base 500: the demo needs "
                + "921..64634 (it listens from 920 below the base to 901 above)\n");
    }

    @Test
    void aDemoPortInUseSaysWhichAndHowToMoveTheDemo() throws Exception {
        int base = freeBase();
        try (ServerSocket taken = new ServerSocket(base + 901, 50, InetAddress.getLoopbackAddress())) {
            assertThat(demo("--listen-base", Integer.toString(base))).isEqualTo("1 forecourt demo: listener admin can't "
                    + "listen on 127.0.0.1:" + (base + 901) + ": address already in use (another process is listening "
                    + "there); --listen-base PORT moves every listener of the demo\n");
        }
    }

    /** The exit code and what went to stderr, of the command as Main runs it (only failures: a demo that starts runs on). */
    private static String demo(String... args) {
        StringWriter err = new StringWriter();
        PrintStream original = System.err;
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        System.setErr(new PrintStream(direct, true, StandardCharsets.UTF_8));
        try {
            String[] all = IntStream.range(0, args.length + 1).mapToObj(i -> i == 0 ? "demo" : args[i - 1]).toArray(String[]::new);
            int code = Main.commandLine().setErr(new PrintWriter(err, true)).execute(all);
            return code + " " + direct.toString(StandardCharsets.UTF_8) + err;
        } finally {
            System.setErr(original);
        }
    }

    /** A base whose demo ports are all free now (another process may take one later; unlikely in a test's time). */
    static int freeBase() throws IOException {
        for (int i = 0; i < 50; i++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000);
            if (IntStream.of(new DemoPorts(base).all()).allMatch(DemoListenBaseTest::free)) {
                return base;
            }
        }
        throw new IOException("no free demo ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
