package dev.forecourt.cli;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import dev.forecourt.iiif.SampleImages;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecourt demo}: the seed architecture on built-in sample data, and the URLs to try. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the seed architecture on built-in sample apps and print the URLs to try.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--listen-base", paramLabel = "PORT", description = "move every listener of the demo: the ingress "
            + "on PORT and PORT+1, the distribution on PORT-557, the admin on PORT+901 (default: ${DEFAULT-VALUE})")
    int listenBase = DemoPorts.DEFAULT_BASE;

    /** demo.yaml at its default ports. */
    static String demoYaml() throws java.io.IOException {
        return demoYaml(new DemoPorts(DemoPorts.DEFAULT_BASE));
    }

    static String demoYaml(DemoPorts ports) throws java.io.IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
            return ports.fill(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public Integer call() throws Exception {
        DemoPorts ports;
        try {
            ports = new DemoPorts(listenBase);
        } catch (IllegalArgumentException e) {
            System.err.println("forecourt demo: " + e.getMessage());
            return 2;
        }
        return Running.serve(start(ports, System.out), null);
    }

    /** Starts the demo at {@code ports} and prints the URLs to try. */
    static Forecourt start(DemoPorts ports, PrintStream out) throws Exception {
        Path samples = SampleImages.write(Path.of(System.getProperty("java.io.tmpdir"), "forecourt-demo-images"));
        Config config = ConfigReader.read(Path.of("demo.yaml"), demoYaml(ports).replace("@SAMPLES@", samples.toString()));
        Forecourt f;
        try {
            f = Forecourt.start(config);
        } catch (BindException e) { // one line by StartupErrors, with the way around it
            throw new BindException(e.getMessage() + "; --listen-base PORT moves every listener of the demo");
        }
        String ingress = hostPort(f, "ingress");
        String priv = hostPort(f, "ingress-private");
        String admin = hostPort(f, "admin");
        out.println("""

                Forecourt demo is running (Ctrl-C to stop). Try:

                  # the ingress routes by Host; the app shows the Host and X-Forwarded-* it received
                  curl -s -H 'Host: echo.internal' http://%1$s/hello

                  # the IIIF image server behind the ingress: its ids name the Host the ingress was reached by
                  curl -s -H 'Host: iiif.internal' http://%1$s/iiif/3/sample.jpg/info.json | head
                  curl -s -o tile.jpg -H 'Host: iiif.internal' http://%1$s/iiif/3/sample.jpg/0,0,1024,1024/256,/0/default.jpg
                  # in a browser (Host by name): http://iiif.localhost:%4$s/ lists the images, /view/sample.jpg zooms

                  # a Host the ingress does not serve: the seed's 'server: envoy' 404, but it says why
                  curl -si -H 'Host: images.example.org' http://%1$s/iiif/3/x/info.json

                  # a private service: not on the public listener...
                  curl -si -H 'Host: private.internal' http://%1$s/
                  # ...only on the private one, where a link connects
                  curl -s -H 'Host: private.internal' http://%2$s/

                  # HTTP/2 (prior knowledge), and the story a response tells (Via, Server-Timing)
                  curl -si --http2-prior-knowledge -H 'Host: echo.internal' http://%1$s/ | grep -iE 'via|server'

                  # the CDN in front: a tile through the distribution, twice (x-cache: Miss, then Hit, with Age)
                  curl -s -o /dev/null -D - -H 'Host: images.example.org' http://%5$s/iiif/3/sample.jpg/full/256,/0/default.jpg | grep -iE 'x-cache|age:'
                  curl -s -o /dev/null -D - -H 'Host: images.example.org' http://%5$s/iiif/3/sample.jpg/full/256,/0/default.jpg | grep -iE 'x-cache|age:'
                  # ...its ids name the viewer's Host (X-Forwarded-Host), though the platform saw Host: iiif.internal
                  curl -s -H 'Host: images.example.org' http://%5$s/iiif/3/sample.jpg/info.json | grep '"id"'
                  # the seed's trap: AllViewer forwards the viewer's Host, and the platform answers 404 no_route
                  curl -si -H 'Host: images.example.org' http://%5$s/allviewer/ | grep -iE '^HTTP|forecourt-'
                  # invalidate, as CloudFront's CreateInvalidation does
                  curl -s -X POST --data-binary '/iiif/*' http://%3$s/distributions/images/invalidations

                  # metrics
                  curl -s http://%3$s/metrics | grep forecourt_requests
                """.formatted(ingress, priv, admin, f.address("ingress").getPort(), hostPort(f, "distribution-images")));
        return f;
    }

    private static String hostPort(Forecourt f, String key) {
        var a = f.address(key);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
