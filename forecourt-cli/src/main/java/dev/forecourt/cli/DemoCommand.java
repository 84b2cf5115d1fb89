package dev.forecourt.cli;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import dev.forecourt.iiif.SampleImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt demo}: the seed architecture on built-in sample data, and the URLs to try. */
final class DemoCommand implements Command {
    static final Option<Integer> LISTEN_BASE = Option.one(ValueType.INT, "PORT", "move every listener of the demo: "
            + "the ingress on PORT and PORT+443 (TLS), the link on PORT+1, the API on PORT-920, the distribution on "
            + "PORT-557, the admin on PORT+901", "--listen-base").orElse(DemoPorts.DEFAULT_BASE);
    static final Option<Boolean> IIIF_AS_RUN = Option.flag("run the IIIF image server as the platform runs an app: a "
            + "child process (forecourt iiif) that Forecourt starts, health-checks and scales (run:), not embedded",
            "--iiif-as-run");
    static final Verb VERB = Verb.named("demo",
            "Start the seed architecture on built-in sample apps and print the URLs to try.")
            .options(LISTEN_BASE, IIIF_AS_RUN);

    @Override
    public Verb verb() {
        return VERB;
    }

    /** demo.yaml at its default ports, with sample images and a certificate of its own (for tests of the file). */
    static String demoYaml() throws IOException {
        return demoYaml(DemoCertificate::write);
    }

    static String demoYaml(CertificateMaker maker) throws IOException {
        return demoYaml(new DemoPorts(DemoPorts.DEFAULT_BASE), samples(), certificate(maker));
    }

    /** demo.yaml at {@code ports}, serving the images in {@code samples}, with the certificate in {@code tls}. */
    static String demoYaml(DemoPorts ports, Path samples, Path tls) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
            return ports.fill(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .replace("@SAMPLES@", samples.toString()).replace("@TLS@", tls.toString());
        }
    }

    @Override
    public int call(Arguments given) throws Exception {
        DemoPorts ports;
        try {
            ports = new DemoPorts(given.get(LISTEN_BASE));
        } catch (IllegalArgumentException e) {
            System.err.println("forecourt demo: " + e.getMessage());
            return 2;
        }
        return Running.serve(start(ports, System.out, given.get(IIIF_AS_RUN)), null);
    }

    /** Starts the demo at {@code ports} and prints the tour: the URLs to try. */
    static Forecourt start(DemoPorts ports, PrintStream out) throws Exception {
        return start(ports, out, false);
    }

    /** ... {@code iiifAsRun}: the IIIF server as a run: service's child process instead of embedded. */
    static Forecourt start(DemoPorts ports, PrintStream out, boolean iiifAsRun) throws Exception {
        return start(ports, out, iiifAsRun, DemoCertificate::write);
    }

    /** Writes the demo's certificate and key into a directory (the training makes them apart from its cache). */
    interface CertificateMaker {
        void write(Path dir) throws IOException;
    }

    static Forecourt start(DemoPorts ports, PrintStream out, boolean iiifAsRun, CertificateMaker maker) throws Exception {
        Path tls = certificate(maker);
        String yaml = demoYaml(ports, samples(), tls);
        if (iiifAsRun) {
            yaml = asRun(yaml, samples());
        }
        Config config = ConfigReader.read(Path.of("demo.yaml"), yaml);
        Running.prepareImaging(config);
        Forecourt f;
        try {
            f = Forecourt.start(config);
        } catch (BindException e) { // one line by StartupErrors, with the way around it
            throw new BindException(e.getMessage() + "; --listen-base PORT moves every listener of the demo");
        }
        out.println(DemoTour.of(f, tls.resolve(DemoCertificate.CERT)));
        return f;
    }

    /**
     * The IIIF service run as App Runner runs an app: this very Forecourt, as a child process ({@code forecourt
     * iiif}, which listens on the PORT it is given), started, health-checked and scaled by the platform.
     */
    static String asRun(String yaml, Path samples) {
        String embedded = "    app: {iiif: {images: \"" + samples + "\"}}";
        if (!yaml.contains(embedded)) {
            throw new IllegalStateException("demo.yaml no longer embeds the IIIF app as " + embedded);
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        String command = String.join(", ", java.util.stream.Stream.of(javaCommand, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "iiif", "--images", samples.toString(),
                "--access-log", "off").map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList());
        return yaml.replace(embedded, "    run: {command: [" + command + "], min: 1, max: 2, startTimeout: 60s}");
    }

    private static Path samples() throws IOException {
        return SampleImages.write(Path.of(System.getProperty("java.io.tmpdir"), "forecourt-demo-images"));
    }

    /** A directory of this start's own with a new certificate, removed when the process ends. */
    private static Path certificate(CertificateMaker maker) throws IOException {
        Path dir = Files.createTempDirectory("forecourt-demo-tls-");
        dir.toFile().deleteOnExit(); // registered first, so deleted last: after the files in it
        maker.write(dir);
        dir.resolve(DemoCertificate.CERT).toFile().deleteOnExit();
        dir.resolve(DemoCertificate.KEY).toFile().deleteOnExit();
        return dir;
    }
}
