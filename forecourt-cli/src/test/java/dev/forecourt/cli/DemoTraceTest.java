package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code forecourt trace} on the demo: the working path told through all five hops, and each of the seed's mistakes
 * told at the hop that answered it, with its reason.
 */
class DemoTraceTest {
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

    /** The story trace tells of {@code path} through the distribution, its lines joined. */
    private static String trace(String path) {
        TraceCommand command = new TraceCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = command.out;
        int exit = Main.commandLine(command).execute("-H", "Host: images.example.org", "--admin",
                "127.0.0.1:" + ports.admin(), "http://127.0.0.1:" + ports.distribution() + path);
        String story = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(story).isZero();
        assertThat(story.lines().filter(l -> l.length() > 100)).as("fits 100 columns").isEmpty();
        return story.replaceAll("\\s+", " ");
    }

    @Test
    void theWorkingPathIsToldThroughAllFiveHopsAndTheImageServerAnswered() {
        String story = trace(DemoTour.WORKING);
        assertThat(TraceCommandTest.inOrder(story, "1 distribution/images", "2 api/public", "3 link/nlb",
                "4 ingress/private", "5 app/iiif")).as(story).isTrue();
        assertThat(story).contains("route 'ANY /api/{proxy+}'", "TLS passes through: ClientHello SNI iiif.internal",
                "TLS ends here (SNI iiif.internal)", "Host 'iiif.internal' -> 'iiif'",
                "info.json of 'sample.jpg' (4000x3000), its id http://images.example.org/api/iiif/3/sample.jpg",
                "The answer was made by hop 5, app/iiif: 200.");
    }

    @Test
    void theViewersHostForwardedIsThePlatformsPublicListenersNoRoute() {
        String story = trace("/allviewer" + DemoTour.INFO);
        assertThat(story).contains("origin request policy AllViewer ", "Host images.example.org, plain HTTP",
                "The answer was made by hop 2, ingress/public: 404 no_route.",
                "=> no_route: Host 'images.example.org' matches none of the domains");
    }

    @Test
    void theHostNotOverwrittenIsThePrivateListenersNoRouteTwoHopsOn() {
        String story = trace(DemoTour.TRACED_MISTAKE);
        assertThat(TraceCommandTest.inOrder(story, "2 api/public", "3 link/nlb", "4 ingress/private")).isTrue();
        assertThat(story).contains("The answer was made by hop 4, ingress/private: 404 no_route.", "fix: ");
    }

    @Test
    void noServerNameIsTheGatewaysAnswerAndTheLinkSawTheNamelessHello() {
        String story = trace("/broken/no-sni" + DemoTour.INFO);
        assertThat(story).contains("TLS without SNI", "ClientHello no SNI",
                "The answer was made by hop 2, api/public: 503 upstream_tls_failure.",
                "fix: send the server name the upstream serves (SNI)").doesNotContain("ingress/private");
    }

    @Test
    void thePrefixKeptIsTheAppsOwn404() {
        String story = trace("/broken/prefix-kept" + DemoTour.INFO);
        assertThat(story).contains("GET /broken/prefix-kept/iiif/3/sample.jpg/info.json to",
                "The answer was made by hop 5, app/iiif: 404");
    }

    @Test
    void aTlsV1OriginIsTheCdnsOwn502() {
        String story = trace("/broken/tlsv1-origin" + DemoTour.INFO);
        assertThat(story).contains("The answer was made by hop 1, distribution/images: 502 upstream_tls_failure.",
                "accepts none of the TLS versions offered (TLSv1)", "fix: offer a TLS version the upstream accepts");
    }

    @Test
    void theTourTracesOneWorkingAndOneBrokenUrl() throws Exception {
        ByteArrayOutputStream tour = new ByteArrayOutputStream();
        demo.close();
        demo = DemoCommand.start(ports, new PrintStream(tour, true, StandardCharsets.UTF_8));
        assertThat(tour.toString(StandardCharsets.UTF_8))
                .contains("bin/forecourt trace -H 'Host: images.example.org' --admin 127.0.0.1:" + ports.admin()
                        + " http://127.0.0.1:" + ports.distribution() + DemoTour.WORKING)
                .contains("http://127.0.0.1:" + ports.distribution() + DemoTour.TRACED_MISTAKE);
    }
}
