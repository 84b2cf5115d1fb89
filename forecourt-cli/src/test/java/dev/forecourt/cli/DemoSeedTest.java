package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's seed architecture through real sockets: the working path reaches the IIIF app through all five hops
 * (distribution, API, link, the ingress's TLS private listener, the app), and each of the seed's mistakes is answered
 * with the cloud's status by the hop that answered, which says so and why.
 */
class DemoSeedTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static DemoPorts ports;
    private static Forecourt demo;

    @BeforeAll
    static void start() throws Exception {
        ports = new DemoPorts(DemoListenBaseTest.freeBase());
        demo = DemoCommand.start(ports, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void theWorkingPathReachesTheAppThroughAllFiveHopsAndItsIdsNameTheViewersHost() throws Exception {
        HttpResponse<byte[]> info = viewerGets(DemoTour.WORKING);
        assertThat(info.statusCode()).as(text(info)).isEqualTo(200);
        assertThat(text(info)).contains("\"id\" : \"http://images.example.org/api/iiif/3/sample.jpg\"", "\"width\" : 4000");
        // each HTTP hop appends itself on the way back; the link between the API and the ingress relays bytes only
        assertThat(info.headers().allValues("via")).containsExactly("1.1 app-iiif (forecourt)",
                "1.1 ingress-private (forecourt)", "1.1 api-public (forecourt)", "1.1 distribution-images (forecourt)");
        assertThat(info.headers().allValues("server-timing")).anyMatch(t -> t.startsWith("api-public;")
                && t.contains("upstream 127.0.0.1:" + ports.link() + " "));
        assertThat(gauge("forecourt_link_open_connections{link=\"nlb\"}")).as("the API's connection through the link")
                .isPositive();

        HttpResponse<byte[]> tile = viewerGets("/api" + DemoTour.TILE);
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.headers().firstValue("content-type")).hasValue("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(tile.body()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    /** What the cloud answers for a mistake, the hop that answers, its error type, and words the answer has. */
    private record Answer(int status, String hop, String error, String says) {}

    @Test
    void eachOfTheSeedsMistakesIsAnsweredAsTheCloudAnswersByTheHopThatAnsweredSayingWhy() throws Exception {
        Map<String, Answer> expected = Map.of(
                "/allviewer" + DemoTour.INFO, new Answer(404, "ingress/public", "no_route",
                        "Host 'images.example.org' matches none of the domains the public ingress listener"),
                "/broken/host-not-overwritten" + DemoTour.INFO, new Answer(404, "ingress/private", "no_route",
                        "Host 'api.internal' matches none of the domains the private ingress listener"),
                "/broken/no-sni" + DemoTour.INFO, new Answer(503, "api/public", "upstream_tls_failure",
                        "(without SNI) failed"),
                "/broken/prefix-kept" + DemoTour.INFO, new Answer(404, "app/iiif", "not_found",
                        "nothing at '/broken/prefix-kept/iiif/3/sample.jpg/info.json'"),
                "/broken/tlsv1-origin" + DemoTour.INFO, new Answer(502, "distribution/images", "upstream_tls_failure",
                        "offer a TLS version the upstream accepts, TLSv1.2 or later"));
        assertThat(expected.keySet()).as("every mistake the tour shows").isEqualTo(DemoTour.BROKEN.keySet());
        for (Map.Entry<String, Answer> e : expected.entrySet()) {
            HttpResponse<byte[]> r = viewerGets(e.getKey());
            Answer a = e.getValue();
            String said = text(r) + " " + r.headers().firstValue("forecourt-detail").orElse("");
            assertThat(r.statusCode()).as(e.getKey() + ": " + said).isEqualTo(a.status());
            assertThat(r.headers().firstValue("forecourt-hop")).as(e.getKey()).hasValue(a.hop());
            assertThat(r.headers().firstValue("forecourt-error")).as(e.getKey()).hasValue(a.error());
            assertThat(said).as(e.getKey()).contains(a.says());
        }
        // the gateway's own words for its 503, our taxonomy and the fix beside them
        HttpResponse<byte[]> noSni = viewerGets("/broken/no-sni" + DemoTour.INFO);
        assertThat(text(noSni)).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(noSni.headers().firstValue("forecourt-detail").orElseThrow()).contains("unrecognized_name".toUpperCase(),
                "tls.serverNameToVerify");
        // the platform's 404s carry its Server, as the seed's did
        assertThat(viewerGets("/allviewer" + DemoTour.INFO).headers().firstValue("server")).hasValue("envoy");
    }

    /** A GET to the distribution as a viewer of images.example.org sends it. */
    private static HttpResponse<byte[]> viewerGets(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.distribution() + path))
                .header("Host", "images.example.org").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A sample's value from the admin listener's metrics (0 if absent). */
    private static double gauge(String sample) throws Exception {
        String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.admin() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
