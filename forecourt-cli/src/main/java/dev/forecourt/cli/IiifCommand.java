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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt iiif}: the IIIF image server on its own (the Cantaloupe role), and its {@code convert} tool. */
final class IiifCommand implements Command {
    static final Option<Path> IMAGES = Option.one(ValueType.PATH, "DIR", "the directory of images to serve", "--images");
    static final Option<String> LISTEN = Option.one(ValueType.TEXT, "HOST:PORT", "the address to listen on", "--listen")
            .orElse(() -> System.getenv("PORT") != null ? "127.0.0.1:" + System.getenv("PORT") : "127.0.0.1:8182",
                    "127.0.0.1:$PORT when PORT is set (as a run: service's instance is given its port), else 127.0.0.1:8182");
    static final Option<String> BASE_URI = Option.one(ValueType.TEXT, "URI", "public base of ids (https://host/prefix)",
            "--base-uri").absentMeans("from Forwarded / X-Forwarded-* / Host");
    static final Option<String> CACHE = Option.one(ValueType.TEXT, "DIR|memory:SIZE", "derivative cache", "--cache")
            .absentMeans("off");
    static final Option<String> CACHE_SIZE = Option.one(ValueType.TEXT, "SIZE",
            "budget of a directory derivative cache, e.g. 512MiB", "--cache-size").absentMeans("4GiB");
    static final Option<String> ENGINE = Option.one(ValueType.oneOf(Engines.CHOICES), String.join("|", Engines.CHOICES), "imaging engine", "--engine")
            .orElse("auto");
    static final Option<Long> MAX_PIXELS = Option.one(ValueType.LONG, "N", "refuse sources declaring more pixels",
            "--max-pixels").absentMeans("400000000");
    static final Option<Integer> WORKERS = Option.one(ValueType.INT, "N", "render threads", "--workers")
            .orElse(() -> Runtime.getRuntime().availableProcessors(), "one per core");
    static final Option<Boolean> NO_PASSTHROUGH = Option.flag("always decode and encode, even a request for exactly "
            + "one stored JPEG tile of a pyramidal TIFF", "--no-passthrough");
    static final Option<Integer> THREADS = Option.one(ValueType.INT, "N", "event loop threads", "--threads").orElse(1);
    static final Option<String> ACCESS_LOG = Option.one(ValueType.TEXT, "PATH|stdout|off", "where the access log goes",
            "--access-log").orElse("stdout");
    static final Verb VERB = Verb.named("iiif",
            "Serve every image under a directory over the IIIF Image API 3.0 (/iiif/3/) and 2.1 (/iiif/2/).")
            .options(IMAGES, LISTEN, BASE_URI, CACHE, CACHE_SIZE, ENGINE, MAX_PIXELS, WORKERS, NO_PASSTHROUGH, THREADS,
                    ACCESS_LOG)
            .verb("convert", ConvertCommand::new);

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) throws Exception {
        String engine = given.get(ENGINE);
        Path images = given.get(IMAGES);
        String cache = given.get(CACHE);
        String cacheSize = given.get(CACHE_SIZE);
        Long maxPixels = given.get(MAX_PIXELS);
        String listen = given.get(LISTEN);
        int workers = given.get(WORKERS);
        String accessLog = given.get(ACCESS_LOG);
        Engines.prepare(engine); // libvips binds beside what follows
        if (images == null) {
            System.err.println("--images DIR is required: the directory of images to serve");
            return 2;
        }
        if (!Files.isDirectory(images)) {
            System.err.println("forecourt iiif: --images " + images + ": no such directory");
            return 1;
        }
        IiifSettings settings = IiifSettings.defaults(images).withBaseUri(given.get(BASE_URI)).withCache(cache)
                .withWorkers(workers, 64 * workers).withPassthrough(!given.get(NO_PASSTHROUGH));
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
        // what needs no libvips is made first, while libvips binds on its own thread (Engines.prepare, above); the
        // port too: a client that connects before the engine is ready waits in the accept queue, not refused
        AccessLog log = accessLog.equals("off") ? AccessLog.off()
                : AccessLog.open(new AccessLogConfig(true, AccessLogConfig.DEFAULT_FORMAT, accessLog));
        Metrics metrics = new Metrics();
        EventLoopGroup group = Transport.newGroup(given.get(THREADS), "iiif");
        Listener listener;
        try {
            listener = Listener.bindPaused(new ListenerSpec("iiif", address, null, Limits.DEFAULT), group);
        } catch (java.net.BindException e) { // said in one line by StartupErrors; what started is let go first
            group.shutdownGracefully();
            log.close();
            throw e;
        }
        ImagingEngine imaging;
        IiifServer.Handler handler;
        try {
            imaging = Engines.choose(engine, settings.engineCache());
            handler = IiifServer.handler("iiif", settings, imaging, log, metrics);
        } catch (RuntimeException | IOException e) {
            listener.close();
            group.shutdownGracefully();
            log.close();
            throw e;
        }
        listener.serve(handler);
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
