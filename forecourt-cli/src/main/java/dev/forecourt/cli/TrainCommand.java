package dev.forecourt.cli;

import dev.forecourt.edge.runtime.Forecourt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * often runs on its own (each instance of an image service); with {@code --only platform}, run on a file of services
 * and the ingress alone ({@link PlatformTraining}).
 */
final class TrainCommand implements Command {
    private static final int TRIES = 8;
    static final Option<String> ONLY = Option.one(ValueType.TEXT, "PART",
            "train one part alone: iiif (the iiif verb) or platform (run of a file with services and the ingress alone)",
            "--only")
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
        } else if ("platform".equals(only)) {
            return PlatformTraining.run();
        } else if (only != null) {
            System.err.println("--only " + only + ": the parts trained alone are iiif and platform");
            return 2;
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        DemoCommand.CertificateMaker certificates = certificatesOutsideCache();
        DemoPorts ports = null;
        Forecourt demo = null;
        for (int i = 0; demo == null; i++) { // the demo's spread of ports, somewhere nothing holds them
            ports = new DemoPorts(ThreadLocalRandom.current().nextInt(20_000, 40_000));
            try {
                demo = DemoCommand.start(ports, quiet, false, certificates);
            } catch (BindException e) {
                if (i == TRIES) throw e;
            }
        }
        try (Forecourt running = demo) {
            List<String> paths = new ArrayList<>(List.of(DemoTour.WORKING, "/api" + DemoTour.TILE, DemoTour.VIEWER,
                    "/api/iiif/3/sample.jpg/full/max/90/gray.png", "/api/iiif/2/sample.jpg/full/200,/0/default.jpg"));
            DemoTour.BROKEN.keySet().forEach(paths::add);
            for (int round = 0; round < 3; round++) { // the second and third are cache hits and warm paths
                for (String path : paths) {
                    TrainingRequest.tryGet(ports.distribution(), path, "images.example.org");
                }
                TrainingRequest.tryGet(ports.ingress(), "/hello", "echo.internal");
            }
            Path file = Files.createTempFile("forecourt-train-", ".yaml");
            try {
                Files.writeString(file, DemoCommand.demoYaml(certificates));
                Main.commandLine(new CheckCommand()).execute("--no-bind", file.toString()); // its lines go to the training log
            } finally {
                Files.deleteIfExists(file);
            }
            for (String path : List.of(DemoTour.WORKING, DemoTour.TRACED_MISTAKE)) {
                TraceCommand trace = new TraceCommand();
                trace.out = quiet;
                trace.err = quiet;
                Main.commandLine(trace).execute("-H", "Host: images.example.org", "--admin", "127.0.0.1:" + ports.admin(),
                        "http://127.0.0.1:" + ports.distribution() + path);
            }
        }
        return 0;
    }

    /**
     * Makes the demo's certificates with classes defined apart: the JDK's cache keeps the classes it can find again by
     * their class-path location, so classes defined from bytes, by a loader of their own, stay out of it. So does
     * BouncyCastle (~660 classes, which every start would map and link: a `run` makes no certificate); `demo` loads
     * it from the jar when it makes its certificate. One loader for the training's certificates.
     */
    static DemoCommand.CertificateMaker certificatesOutsideCache() {
        ClassLoader apart = new ClassLoader("training-apart", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                try (var in = TrainCommand.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        };
        return dir -> {
            try {
                java.lang.reflect.Method write = Class.forName(DemoCertificate.class.getName(), true, apart)
                        .getDeclaredMethod("write", Path.class);
                write.setAccessible(true);
                write.invoke(null, dir);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IOException("the demo's certificate could not be made apart: " + e, e);
            }
        };
    }
}
