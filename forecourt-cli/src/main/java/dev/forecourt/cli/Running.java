package dev.forecourt.cli;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Keeps a {@link Forecourt} running in the foreground: SIGHUP reloads the file (an invalid file keeps the old
 * configuration, and says why), SIGTERM and SIGINT drain running requests, then exit.
 */
final class Running {
    private static final Logger log = LoggerFactory.getLogger(Running.class);
    static final Duration DRAIN = Duration.ofSeconds(30);

    private Running() {}

    /**
     * Starts binding libvips in the background when the file embeds the IIIF app, so that it runs beside the
     * engine's start-up (event loops, listeners) instead of before its first answer.
     */
    static void prepareImaging(dev.forecourt.edge.config.Config config) {
        for (var s : dev.forecourt.edge.role.ingress.IngressRole.ROLE.of(config).services().values()) {
            for (var i : s.instances()) {
                if (i instanceof dev.forecourt.edge.role.ingress.InstanceConfig.App app && app.kind().equals("iiif")) {
                    dev.forecourt.iiif.Engines.prepare(app.settings().getOrDefault("engine", "auto"));
                }
            }
        }
    }

    static int serve(Forecourt forecourt, Path file) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("stopping: draining running requests and relayed connections (up to {}s)", DRAIN.toSeconds());
            forecourt.drain(DRAIN);
            stopped.countDown();
        }, "forecourt-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (file != null) {
            Signal.handle(new Signal("HUP"), sig -> reload(forecourt, file));
        }
        stopped.await();
        return 0;
    }

    private static void reload(Forecourt forecourt, Path file) {
        try {
            Config c = RunCommand.load(file);
            forecourt.reload(c);
        } catch (ConfigException e) {
            log.error("reload refused, the running configuration stays: {}", e.getMessage());
        } catch (Exception e) {
            log.error("reload failed, the running configuration stays: {}", e.toString());
        }
    }
}
