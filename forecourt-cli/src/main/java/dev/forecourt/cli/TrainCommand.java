package dev.forecourt.cli;

import dev.forecourt.edge.runtime.Forecourt;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/**
 * {@code forecourt train} (hidden): the training run bin/forecourt makes the JDK's ahead-of-time cache from, once per
 * jar. It does what a user's first minute does: starts the whole seed (every role, TLS, the IIIF app), sends requests
 * through each hop and each mistake, renders tiles, checks the demo's file and traces two requests; then exits. The
 * classes all that loads and links, and the profiles of what ran hot, are what later starts read mapped. With
 * {@code --only iiif} it trains the iiif verb alone ({@link IiifTraining}): a smaller cache for the start that most
 * often runs on its own (each instance of an image service).
 */
final class TrainCommand implements Command {
    private static final int TRIES = 8;
    static final Option<String> ONLY = Option.one(ValueType.TEXT, "VERB", "train only what VERB runs (iiif)", "--only")
            .absentMeans("the whole seed, and check and trace");
    static final Verb VERB = Verb.named("train", "The training run for the start-up cache (bin/forecourt runs it).")
            .options(ONLY).hide();

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) throws Exception {
        String only = given.get(ONLY);
        if ("iiif".equals(only)) {
            return IiifTraining.run();
        } else if (only != null) {
            System.err.println("--only " + only + ": the one verb trained alone is iiif");
            return 2;
        }
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host"); // requests by Host, as the tour's curls
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        DemoPorts ports = null;
        Forecourt demo = null;
        for (int i = 0; demo == null; i++) { // the demo's spread of ports, somewhere nothing holds them
            ports = new DemoPorts(ThreadLocalRandom.current().nextInt(20_000, 40_000));
            try {
                demo = DemoCommand.start(ports, quiet);
            } catch (BindException e) {
                if (i == TRIES) throw e;
            }
        }
        try (Forecourt running = demo) {
            String cdn = "http://127.0.0.1:" + ports.distribution();
            List<String> paths = new ArrayList<>(List.of(DemoTour.WORKING, "/api" + DemoTour.TILE, DemoTour.VIEWER,
                    "/api/iiif/3/sample.jpg/full/max/90/gray.png", "/api/iiif/2/sample.jpg/full/200,/0/default.jpg"));
            DemoTour.BROKEN.keySet().forEach(paths::add);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (int round = 0; round < 3; round++) { // the second and third are cache hits and warm paths
                for (String path : paths) {
                    get(client, cdn + path, "images.example.org");
                }
                get(client, "http://127.0.0.1:" + ports.ingress() + "/hello", "echo.internal");
            }
            Path file = Files.createTempFile("forecourt-train-", ".yaml");
            try {
                Files.writeString(file, DemoCommand.demoYaml());
                Main.commandLine(new CheckCommand()).execute("--no-bind", file.toString()); // its lines go to the training log
            } finally {
                Files.deleteIfExists(file);
            }
            for (String path : List.of(DemoTour.WORKING, DemoTour.TRACED_MISTAKE)) {
                TraceCommand trace = new TraceCommand();
                trace.out = quiet;
                trace.err = quiet;
                Main.commandLine(trace).execute("-H", "Host: images.example.org", "--admin", "127.0.0.1:" + ports.admin(),
                        cdn + path);
            }
        }
        return 0;
    }

    private static void get(HttpClient client, String url, String host) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).header("Host", host).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // a training request that fails trains less; the cache is still made from what ran
        }
    }
}
