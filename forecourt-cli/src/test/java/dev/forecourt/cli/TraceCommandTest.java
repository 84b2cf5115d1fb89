package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.cli.trace.JsonText;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import dev.forecourt.iiif.SampleImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forecourt trace} through the seed's five hops (distribution -> API -> link -> TLS private ingress -> IIIF),
 * and through the seed's mistakes, each told at the hop where it happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceCommandTest {
    @TempDir static Path dir;
    Forecourt f;
    int distribution;
    int admin;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    void start() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "iiif.internal");
        Path images = SampleImages.write(dir.resolve("images"));
        int api = freePort();
        int link = freePort();
        int ingress = freePort();
        String yaml = """
                resolve: {api.internal: "127.0.0.1:%1$d"}
                services:
                  iiif: {domains: [iiif.internal], app: {iiif: {images: "%5$s"}}, public: false}
                ingress:
                  privateListen: 127.0.0.1:%3$d
                  accessLog: off
                  tls: {certificates: [{cert: %4$s, key: %6$s}]}
                links:
                  nlb: {listen: 127.0.0.1:%2$d, targets: ["127.0.0.1:%3$d"], accessLog: off}
                apis:
                  public:
                    listen: 127.0.0.1:%1$d
                    accessLog: off
                    routes:
                      - route: "ANY /api/{proxy+}"
                        integration:
                          link: nlb
                          tls: {serverNameToVerify: iiif.internal, caFile: %4$s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                      - route: "ANY /host-kept/{proxy+}"
                        integration:
                          link: nlb
                          tls: {serverNameToVerify: iiif.internal, caFile: %4$s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy"}
                      - route: "ANY /prefix-kept/{proxy+}"
                        integration:
                          link: nlb
                          tls: {serverNameToVerify: iiif.internal, caFile: %4$s}
                          parameterMapping: {"overwrite:header.Host": iiif.internal}
                      - route: "ANY /no-sni/{proxy+}"
                        integration:
                          link: nlb
                          tls: {caFile: %4$s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                distributions:
                  images:
                    listen: 127.0.0.1:0
                    aliases: [images.example.org]
                    origins:
                      api: {domain: api.internal, httpPort: %1$d}
                    defaultBehavior: {origin: api, cachePolicy: CachingOptimized, originRequestPolicy: AllViewerExceptHostHeader}
                    accessLog: off
                admin: {listen: 127.0.0.1:0}
                """.formatted(api, link, ingress, cert.cert(), images, cert.key());
        f = Forecourt.start(ConfigReader.read(dir.resolve("chain.yaml"), yaml), 1);
        distribution = f.address("distribution-images").getPort();
        admin = f.address("admin").getPort();
    }

    @AfterAll
    void stop() {
        if (f != null) f.close();
    }

    record Run(int exit, String out, String err) {}

    Run trace(String path, String... more) {
        return traceVia("127.0.0.1:" + admin, path, more);
    }

    Run traceVia(String adminAddress, String path, String... more) {
        List<String> args = new ArrayList<>(List.of("trace", "-H", "Host: images.example.org", "--admin", adminAddress));
        args.addAll(List.of(more));
        args.add("http://127.0.0.1:" + distribution + path);
        TraceCommand command = new TraceCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = Main.commandLine(command).execute(args.subList(1, args.size()).toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The story with its lines joined: what a note says, wherever the 100 columns broke it. */
    static String flat(String out) {
        return out.replaceAll("\\s+", " ");
    }

    @Test
    void theWorkingPathCrossesFiveHopsAndTheImageServerMadeTheAnswer() {
        Run r = trace("/api/iiif/3/sample.jpg/info.json");
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("-> 200 OK");
        assertThat(inOrder(out, "1  distribution/images", "2  api/public", "3  link/nlb", "4  ingress/private",
                "5  app/iiif  ")).as(out).isTrue();
        assertThat(flat(out)).contains("behavior default -> origin 'api'; cache policy CachingOptimized")
                .contains("cache: Miss, nothing stored")
                .contains("route 'ANY /api/{proxy+}'")
                .contains("TLS passes through: ClientHello SNI iiif.internal")
                .contains("TLS ends here (SNI iiif.internal)")
                .contains("instance app:iiif@")
                .contains("host: api.internal -> iiif.internal");
        assertThat(madeBy(out)).isEqualTo("5  app/iiif");
        assertThat(out).contains("The answer was made by hop 5, app/iiif: 200.");
        assertThat(out.lines().filter(l -> l.length() > 100)).as("fits a 100-column terminal").isEmpty();

        Run again = trace("/api/iiif/3/sample.jpg/info.json");
        assertThat(again.out()).as("the second time the CDN answers from its cache")
                .contains("cache: Hit").contains("The answer was made by hop 1, distribution/images: 200.");
        assertThat(again.out()).doesNotContain("2  api/public");
    }

    @Test
    void theHostNotOverwrittenIsTheIngresss404() {
        String out = trace("/host-kept/iiif/3/sample.jpg/info.json").out();
        assertThat(out).contains("-> 404").contains("The answer was made by hop 4, ingress/private: 404 no_route.");
        assertThat(madeBy(out)).isEqualTo("4  ingress/private");
        assertThat(flat(out)).contains("=> no_route: Host 'api.internal' matches none of the domains").contains("fix: ");
    }

    @Test
    void thePrefixKeptIsTheImageServers404() {
        String out = trace("/prefix-kept/iiif/3/sample.jpg/info.json").out();
        assertThat(flat(out)).contains("-> 404").contains("GET /prefix-kept/iiif/3/sample.jpg/info.json to")
                .contains("The answer was made by hop 5, app/iiif: 404");
    }

    @Test
    void noServerNameIsTheGatewaysAnswerAndTheLinkShowsTheNamelessHello() {
        String out = trace("/no-sni/iiif/3/sample.jpg/info.json").out();
        assertThat(flat(out)).contains("-> 503").contains("TLS without SNI").contains("ClientHello no SNI")
                .contains("The answer was made by hop 2, api/public: 503 upstream_tls_failure.")
                .doesNotContain("ingress/private");
        assertThat(madeBy(out)).isEqualTo("2  api/public");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonForToolsNamesTheHopThatAnswered() throws Exception {
        Run r = trace("/api/iiif/3/sample.jpg/full/64,/0/default.jpg", "--json");
        Map<String, Object> json = (Map<String, Object>) JsonText.parse(r.out());
        assertThat(json.get("answeredBy")).isEqualTo("app/iiif");
        assertThat(((Map<String, Object>) json.get("answer")).get("status")).isEqualTo(200);
        assertThat((List<Map<String, Object>>) json.get("hops")).extracting(h -> h.get("hop"))
                .containsExactly("distribution/images", "api/public", "link/nlb", "ingress/private", "app/iiif");
    }

    @Test
    void withoutAnAdminListenerTheAnswerIsStillShownAndTheGapExplained() throws Exception {
        Run r = traceVia("127.0.0.1:" + freePort(), "/api/iiif/3/sample.jpg/full/32,/0/default.jpg");
        assertThat(r.exit()).isZero();
        assertThat(flat(r.out())).contains("-> 200").contains("No hop recorded this trace").contains("can't be read");
    }

    @Test
    void badInputIsAClearErrorNotACrash() throws Exception {
        assertThat(run("ftp://x/")).isEqualTo("2 forecourt trace: 'ftp://x/' is not an http:// or https:// URL with a host");
        assertThat(run("-H", "nocolon", "http://127.0.0.1/")).isEqualTo("2 forecourt trace: -H 'nocolon': write 'Name: value'");
        assertThat(run("--resolve", "x", "http://127.0.0.1/")).startsWith("2 forecourt trace: --resolve 'x': write NAME:ADDR");
        assertThat(run("--timeout", "2", "http://127.0.0.1:" + freePort() + "/")).startsWith("1 forecourt trace: GET")
                .contains("failed");
    }

    /** The exit status and the first line on stderr. */
    static String run(String... args) {
        TraceCommand command = new TraceCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int exit = Main.commandLine(command).execute(args);
        return exit + " " + err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    /** The hop line marked as the one that made the answer, without its timing. */
    static String madeBy(String out) {
        return out.lines().filter(l -> l.endsWith("<== made the answer")).map(l -> l.replaceAll("\\s+\\S+ ms\\s+<== made the answer$", "")
                .replace("  <== made the answer", "")).findFirst().orElse("(none)");
    }

    static boolean inOrder(String text, String... parts) {
        int at = -1;
        for (String p : parts) {
            int i = text.indexOf(p, at + 1);
            if (i < 0) return false;
            at = i;
        }
        return true;
    }
}
