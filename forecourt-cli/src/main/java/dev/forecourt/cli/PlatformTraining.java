package dev.forecourt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of {@code forecourt run} on a file of the platform role alone (train --only platform): services
 * and the ingress, plain HTTP, an admin listener; the file run as a user runs it ({@link RunCommand}, config read and
 * loaded, libvips bound), an embedded IIIF app, an echo app and an instance at a static address (the admin listener)
 * behind the ingress, a health check, the access log (on stdout), and requests through each: what viewers ask of the
 * image server, the echo app, the admin's metrics (directly and through the ingress), a Host no service has.
 * bin/forecourt picks the cache made from it for such a file: a start maps its whole cache, so the other roles'
 * classes (and TLS's) would be memory each of these starts pays for.
 */
final class PlatformTraining {
    private static final List<String> ASKED = List.of("/iiif/3/train.png/info.json", "/iiif/2/train.png/info.json",
            "/iiif/3/train.png/0,0,256,256/256,/0/default.jpg", "/iiif/3/train.png/full/400,/0/default.jpg",
            "/iiif/3/train.png/full/max/90/gray.png", "/iiif/3/nothing.png/info.json");

    private PlatformTraining() {
    }

    static int run() throws Exception {
        Path dir = Files.createTempDirectory("forecourt-train-platform-");
        try {
            Files.createDirectory(dir.resolve("img"));
            IiifTraining.writePng(dir.resolve("img").resolve("train.png"), 1200, 900);
            int[] ports = started(dir);
            int ingress = ports[0];
            int admin = ports[1];
            for (int round = 0; round < 3; round++) {
                for (String path : ASKED) {
                    TrainingRequest.tryGet(ingress, path, "iiif.internal");
                }
                TrainingRequest.tryGet(ingress, "/hello", "echo.internal");
                TrainingRequest.tryGet(ingress, "/hello", "nobody.internal");
                TrainingRequest.tryGet(admin, "/metrics", "127.0.0.1");
                TrainingRequest.tryGet(ingress, "/metrics", "metrics.internal"); // an instance at a static address
            }
            return 0;
        } finally {
            TrainingServer.remove(dir);
        }
    }

    /** The file written and run at ports free a moment ago: {ingress, admin}; tried anew when it could not start. */
    private static int[] started(Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int[] ports = TrainingServer.freePorts(2);
            Path file = dir.resolve("platform-" + attempt + ".yaml");
            Files.writeString(file, """
                    services:
                      iiif: {domains: [iiif.internal], app: {iiif: {images: "%s"}}, healthCheck: {protocol: http, path: /health}}
                      echo: {domains: [echo.internal], app: {echo: {}}}
                      metrics: {domains: [metrics.internal], instances: ["127.0.0.1:%s"]}
                    ingress: {listen: "127.0.0.1:%s"}
                    admin: {listen: "127.0.0.1:%s"}
                    """.formatted(dir.resolve("img"), ports[1], ports[0], ports[1])); // %s: %d loads the locale data
            try {
                TrainingServer.start("train-run", () -> Main.commandLine(new RunCommand()).execute(file.toString()),
                        ports[0], ASKED.getFirst(), "iiif.internal");
                return ports;
            } catch (TrainingServer.Stopped e) { // tried anew only when it could not start: one still running waits
                if (attempt == 3) throw e;
            }
        }
    }
}
