package dev.forecourt.cli;

import dev.forecourt.edge.config.Values;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.http.Limits;
import dev.forecourt.http.Listener;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.Transport;
import dev.forecourt.iiif.CacheSize;
import dev.forecourt.iiif.Engines;
import dev.forecourt.iiif.IiifServer;
import dev.forecourt.iiif.IiifSettings;
import dev.forecourt.iiif.imaging.ImagingEngine;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecourt iiif}: the IIIF image server on its own (the Cantaloupe role), and its {@code convert} tool. */
@Command(name = "iiif", mixinStandardHelpOptions = true, subcommands = ConvertCommand.class,
        description = "Serve every image under a directory over the IIIF Image API 3.0 (/iiif/3/) and 2.1 (/iiif/2/).")
final class IiifCommand implements Callable<Integer> {
    @Option(names = "--images", paramLabel = "DIR", description = "the directory of images to serve")
    Path images;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "default: 127.0.0.1:$PORT when PORT is set (as "
            + "a run: service's instance is given its port), else ${DEFAULT-VALUE}")
    String listen = System.getenv("PORT") != null ? "127.0.0.1:" + System.getenv("PORT") : "127.0.0.1:8182";

    @Option(names = "--base-uri", paramLabel = "URI",
            description = "public base of ids (https://host/prefix); default: from Forwarded / X-Forwarded-* / Host")
    String baseUri;

    @Option(names = "--cache", paramLabel = "DIR|memory:SIZE", description = "derivative cache (default: off)")
    String cache;

    @Option(names = "--cache-size", paramLabel = "SIZE",
            description = "budget of a directory derivative cache, e.g. 512MiB (default: 4GiB)")
    String cacheSize;

    @Option(names = "--engine", paramLabel = "auto|vips|java", description = "imaging engine (default: ${DEFAULT-VALUE})")
    String engine = "auto";

    @Option(names = "--max-pixels", paramLabel = "N", description = "refuse sources declaring more pixels (default: 400000000)")
    Long maxPixels;

    @Option(names = "--workers", paramLabel = "N", description = "render threads (default: one per core)")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-passthrough", negatable = false,
            description = "always decode and encode, even a request for exactly one stored JPEG tile of a pyramidal TIFF")
    boolean noPassthrough;

    @Option(names = "--threads", paramLabel = "N", description = "event loop threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--access-log", paramLabel = "PATH|stdout|off", description = "default: ${DEFAULT-VALUE}")
    String accessLog = "stdout";

    @Override
    public Integer call() throws Exception {
        Engines.prepare(engine); // libvips binds beside what follows
        if (images == null) {
            System.err.println("--images DIR is required: the directory of images to serve");
            return 2;
        }
        if (!Files.isDirectory(images)) {
            System.err.println("forecourt iiif: --images " + images + ": no such directory");
            return 1;
        }
        IiifSettings settings = IiifSettings.defaults(images).withBaseUri(baseUri).withCache(cache)
                .withWorkers(workers, 64 * workers).withPassthrough(!noPassthrough);
        if (cacheSize != null) {
            String problem = CacheSize.problem(cache, cacheSize);
            if (problem != null) {
                System.err.println("--cache-size: " + problem);
                return 2;
            }
            settings = settings.withCacheSize(CacheSize.parse(cacheSize));
        }
        if (maxPixels != null) {
            settings = settings.withMaxPixels(maxPixels);
        }
        String problem = Values.addressProblem(listen, true);
        if (problem != null) {
            System.err.println("--listen: " + problem);
            return 1;
        }
        InetSocketAddress address = Values.address(listen);
        ImagingEngine imaging = Engines.choose(engine, settings.engineCache());
        AccessLog log = accessLog.equals("off") ? AccessLog.off()
                : AccessLog.open(new AccessLogConfig(true, AccessLogConfig.DEFAULT_FORMAT, accessLog));
        IiifServer.Handler handler = IiifServer.handler("iiif", settings, imaging, log, new Metrics());
        EventLoopGroup group = Transport.newGroup(threads, "iiif");
        Listener listener;
        try {
            listener = Listener.start(new ListenerSpec("iiif", address, null, Limits.DEFAULT), handler, group);
        } catch (java.net.BindException e) { // said in one line by StartupErrors; what started is let go first
            handler.close();
            group.shutdownGracefully();
            log.close();
            throw e;
        }
        System.out.println("IIIF images from " + images.toAbsolutePath() + " (" + imaging.name() + ") on http://"
                + dev.forecourt.http.HostPort.text(listener.address())
                + "/  (Image API: /iiif/3/{id}/info.json)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.stopAccepting();
            handler.close();
            listener.close();
            group.shutdownGracefully();
            log.close();
            stopped.countDown();
        }, "iiif-shutdown"));
        stopped.await();
        return 0;
    }
}
