package dev.forecourt.iiif;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.StartingEngine;
import dev.forecourt.iiif.imaging.TiffTiles;
import dev.forecourt.iiif.request.ApiVersion;
import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.IiifException;
import dev.forecourt.iiif.request.ImageRequest;
import dev.forecourt.iiif.request.Plan;
import dev.forecourt.iiif.request.Quality;
import dev.forecourt.iiif.request.Rotation;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The IIIF Image API service: {@code /iiif/3/{id}/...} and {@code /iiif/2/{id}/...}, plus its pages. Parsing and
 * routing run on the event loop; anything that touches files or pixels runs on the bounded {@link RenderPool}.
 */
public final class IiifService implements Service, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IiifService.class);
    private static final String LINK = "link";
    private static final long QUEUE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final HttpResponseStatus CLIENT_CLOSED = new HttpResponseStatus(499, "Client Closed Request");
    private final IiifSettings settings;
    private final ImagingEngine engine;
    private final ImageStore store;
    private final Sources sources;
    private final Derivatives derivatives;
    private final RenderPool pool;
    private final Pages pages;

    public IiifService(IiifSettings settings, ImagingEngine engine) throws IOException {
        this.settings = settings;
        this.engine = engine;
        this.store = new ImageStore(settings.images());
        this.sources = new Sources(engine);
        this.derivatives = Derivatives.of(settings.cache(), settings.cacheSize());
        this.pool = new RenderPool(settings.workers(), settings.queue());
        this.pages = new Pages(store, engine);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        HttpRequest r = x.request();
        if (r.method() != HttpMethod.GET && r.method() != HttpMethod.HEAD) {
            Response refused = local(x, ErrorType.METHOD_NOT_ALLOWED, r.method() + " is not served here",
                    "use GET or HEAD (OPTIONS for CORS preflight).");
            refused.head().headers().set(HttpHeaderNames.ALLOW, "GET, HEAD, OPTIONS"); // RFC 9110 section 15.5.6
            return CompletableFuture.completedFuture(refused);
        }
        String path = Paths.path(r.uri());
        if (path.startsWith("/iiif/")) {
            return iiif(x, path);
        }
        return pages.serve(x, path, pool);
    }

    private CompletionStage<Response> iiif(Exchange x, String path) {
        String[] seg = path.substring(1).split("/", -1);
        ApiVersion version = seg.length > 1 ? ApiVersion.ofSegment(seg[1]) : null;
        if (version == null || seg.length < 3 || seg[2].isEmpty()) {
            throw new ForecourtException(ErrorType.NOT_FOUND, "'" + ImageStore.printable(path) + "' is not an image URI",
                    "ask for /iiif/3/{id}/info.json or /iiif/2/{id}/info.json.", null);
        }
        String id;
        try {
            id = Paths.decode(seg[2]);
            return switch (seg.length) {
                case 3 -> CompletableFuture.completedFuture(redirect(x, version, id));
                case 4 -> {
                    if (!seg[3].equals("info.json")) {
                        throw new IiifException(ErrorType.NOT_FOUND, "'" + ImageStore.printable(seg[3])
                                + "' after the identifier is neither info.json nor an image request",
                                "ask for {id}/info.json or {id}/{region}/{size}/{rotation}/{quality}.{format}.");
                    }
                    yield onPool(x, id, () -> info(x, version, id));
                }
                case 7 -> {
                    // clients send ^ and ! as they are or percent-encoded (%5E, %21)
                    ImageRequest request = ImageRequest.parse(version, Paths.decode(seg[3]), Paths.decode(seg[4]),
                            Paths.decode(seg[5]), Paths.decode(seg[6]));
                    yield onPool(x, id, () -> image(x, version, id, request));
                }
                default -> throw new IiifException(ErrorType.NOT_FOUND, "'" + ImageStore.printable(path)
                        + "' has " + (seg.length - 2) + " segments after the version; an image URI has 1, 2 or 5",
                        "send a '/' inside an identifier as %2F.");
            };
        } catch (IiifException e) {
            throw failure(e);
        }
    }

    private Response redirect(Exchange x, ApiVersion version, String id) {
        String location = base(x) + "/iiif/" + version.segment() + "/" + Paths.encode(id) + "/info.json";
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
        head.headers().set(HttpHeaderNames.LOCATION, location);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return new Response(head, Body.EMPTY);
    }

    private Response info(Exchange x, ApiVersion version, String id) throws IiifException, IOException {
        Sources.Source source = source(id);
        String publicId = base(x) + "/iiif/" + version.segment() + "/" + Paths.encode(id);
        // advertise a pyramid's own tiles, so that viewers ask for whole stored tiles (sent as they are)
        TiffTiles stored = source.info().tiles();
        int tile = stored != null && stored.tileSize() > 0 ? stored.tileSize() : settings.tileSize();
        String etag = EntityTag.of(engine.name(), source.version(), version.segment(), publicId,
                settings.limits().toString(), Integer.toString(tile));
        HttpHeaders req = x.request().headers();
        String accept = req.get(HttpHeaderNames.ACCEPT, "");
        String type = accept.contains("application/ld+json")
                ? "application/ld+json;profile=\"" + version.context() + "\"" : "application/json";
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders h = head.headers();
        validators(h, etag, source);
        h.set(HttpHeaderNames.VARY, settings.baseUri() != null ? "Accept"
                : "Accept, Host, Forwarded, X-Forwarded-Proto, X-Forwarded-Host, X-Forwarded-Port, X-Forwarded-Prefix");
        h.set(LINK, "<" + version.profile() + ">;rel=\"profile\"");
        if (Conditional.notModified(req, etag, source.modifiedMillis())) {
            return notModified(head);
        }
        byte[] json = InfoJson.of(version, publicId, source.info(), settings.limits(), tile, engine.formats());
        HopTrace noted = Trace.of(x);
        if (noted != null) { // the text is made only for a traced request
            noted.note(Phase.DECIDED, "info.json of '" + id + "' (" + source.info().width() + "x" + source.info().height()
                    + "), its id " + publicId + " (from " + (settings.baseUri() != null ? "baseUri" : "the Host and X-Forwarded-*"
                    + " that arrived") + ")");
        }
        h.set(HttpHeaderNames.CONTENT_TYPE, type);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        return new Response(head, Body.of(Unpooled.wrappedBuffer(json)));
    }

    private Response image(Exchange x, ApiVersion version, String id, ImageRequest request)
            throws IiifException, IOException {
        // here, on the pool, not on the event loop: an engine still starting is waited for (StartingEngine)
        if (!engine.formats().contains(request.format())) {
            throw new IiifException(ErrorType.NOT_IMPLEMENTED, "format '" + request.format().extension()
                    + "' is not written by this server's imaging engine (" + engine.name() + ")",
                    "ask for one of " + engine.formats() + ", or install libvips42.");
        }
        Sources.Source source = source(id);
        Plan plan = request.plan(source.info().width(), source.info().height(), settings.limits());
        String key = engine.name() + "|" + source.file() + "|" + source.version() + "|" + version.segment() + "|"
                + plan.canonical();
        String etag = EntityTag.of(key);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders h = head.headers();
        validators(h, etag, source);
        String service = base(x) + "/iiif/" + version.segment() + "/" + Paths.encode(id);
        h.set(LINK, "<" + service + "/" + plan.canonical() + ">;rel=\"canonical\", <"
                + version.profile() + ">;rel=\"profile\"");
        if (settings.baseUri() == null) {
            h.set(HttpHeaderNames.VARY, "Host, Forwarded, X-Forwarded-Proto, X-Forwarded-Host, X-Forwarded-Port, X-Forwarded-Prefix");
        }
        if (Conditional.notModified(x.request().headers(), etag, source.modifiedMillis())) {
            return notModified(head);
        }
        HopTrace t = Trace.of(x);
        byte[] bytes = derivatives.get(key);
        String how = "from the derivative cache"; // constants: what a trace says costs others nothing
        if (bytes == null) {
            bytes = storedTile(source, plan);
            how = "a stored tile, sent as it is";
        }
        if (bytes == null) {
            long start = t == null ? 0 : System.nanoTime();
            bytes = engine.render(source.file(), source.info(), plan);
            derivatives.put(key, bytes);
            how = t == null ? null : "rendered by " + engine.name() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
        if (t != null) {
            t.note(Phase.DECIDED, "image '" + id + "' " + plan.canonical() + ": " + how + ", " + bytes.length + " bytes");
        }
        h.set(HttpHeaderNames.CONTENT_TYPE, plan.format().mediaType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        h.set("content-disposition", "inline; filename=\"" + plan.canonical().replace('/', '_').replace('"', '_') + "\"");
        return new Response(head, Body.of(Unpooled.wrappedBuffer(bytes)));
    }

    /** A request for exactly one stored JPEG tile of a pyramidal TIFF, changing nothing: its bytes as stored. */
    private byte[] storedTile(Sources.Source source, Plan plan) throws IOException {
        boolean asStored = settings.passthrough() && source.info().tiles() != null && plan.format() == Format.JPG
                && (plan.quality() == Quality.DEFAULT || plan.quality() == Quality.COLOR)
                && plan.rotation().equals(Rotation.NONE);
        if (!asStored) {
            return null;
        }
        try {
            return source.info().tiles().tile(source.file(), source.info().width(), plan.x(), plan.y(), plan.w(),
                    plan.h(), plan.outW(), plan.outH());
        } catch (IOException e) { // a tile whose offset or length points past the file: rendered instead
            LOG.warn("{}: a stored tile can't be read ({}); rendered instead", source.file().getFileName(), e.getMessage());
            return null;
        }
    }

    private Sources.Source source(String id) throws IiifException, IOException {
        Path file = store.resolve(id);
        Sources.Source source = sources.get(file);
        if (source.info().pixels() > settings.maxPixels()) {
            throw new IiifException(ErrorType.IMAGE_TOO_LARGE, "'" + ImageStore.printable(id) + "' declares "
                    + source.info().width() + "x" + source.info().height() + " = " + source.info().pixels()
                    + " pixels, over this service's limit of " + settings.maxPixels() + "; it was not decoded");
        }
        return source;
    }

    private void validators(HttpHeaders h, String etag, Sources.Source source) {
        h.set(HttpHeaderNames.ETAG, etag);
        h.set(HttpHeaderNames.LAST_MODIFIED, Conditional.httpDate(source.modifiedMillis()));
        h.set(HttpHeaderNames.CACHE_CONTROL, settings.cacheControl());
    }

    private static Response notModified(HttpResponse ok) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        for (CharSequence name : new CharSequence[] {HttpHeaderNames.ETAG, HttpHeaderNames.LAST_MODIFIED,
                HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.VARY, LINK}) {
            String v = ok.headers().get(name);
            if (v != null) {
                head.headers().set(name, v);
            }
        }
        return new Response(head, Body.EMPTY);
    }

    private String base(Exchange x) {
        return PublicBase.of(settings.baseUri(), x.request().headers(), x.connection());
    }

    /** Work that touches files or pixels: on the render pool, refused with 503 when the pool is full. */
    private CompletionStage<Response> onPool(Exchange x, String id, Job job) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        long queued = System.nanoTime();
        RenderPool.Ticket ticket = pool.submit(() -> {
            if (System.nanoTime() - queued > QUEUE_TIMEOUT_NANOS) {
                answer.complete(overloaded(x, "the request waited over 30 s for a render worker"));
                return;
            }
            try {
                answer.complete(job.run());
            } catch (IiifException e) {
                answer.completeExceptionally(failure(e));
            } catch (StartingEngine.NotReady e) {
                LOG.warn("{} {}: {}", x.request().method(), x.request().uri(), e.getMessage());
                answer.complete(overloaded(x, e.getMessage()));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(unreadable(x, id, e));
            } catch (Error e) {
                answer.completeExceptionally(e);
            }
        });
        if (ticket == null) {
            return CompletableFuture.completedFuture(overloaded(x, "all " + settings.workers()
                    + " render workers are busy and " + settings.queue() + " requests are waiting"));
        }
        // Nobody will read the answer of a client that left: a job still waiting is withdrawn. One already running
        // finishes: libvips's operation cache can hand the same image objects to an identical request from another
        // client, so killing ours (vips_image_set_kill) could fail theirs.
        x.whenClientGone(() -> {
            if (ticket.withdraw()) {
                answer.complete(clientClosed());
            }
        });
        return answer;
    }

    /**
     * The answer of a withdrawn job: never sent (the connection is gone), but it completes the exchange, so that
     * the hop's access log and metrics record it, as nginx's 499, and draining does not wait for it.
     */
    private static Response clientClosed() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, CLIENT_CLOSED);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return new Response(head, Body.EMPTY);
    }

    /**
     * A source that could not be read or rendered. The engines' messages (libvips's above all) carry the file's
     * absolute path: they go to the log; the answer, which anyone may read, names the identifier only.
     */
    private static ForecourtException unreadable(Exchange x, String id, Exception e) {
        String printable = ImageStore.printable(id);
        if (e instanceof IOException) {
            LOG.warn("{} {}: '{}' could not be read: {}", x.request().method(), x.request().uri(), printable, e.toString());
        } else { // not a file's fault: a bug here, whose stack is wanted
            LOG.warn("{} {}: '{}' could not be read", x.request().method(), x.request().uri(), printable, e);
        }
        return new ForecourtException(ErrorType.INTERNAL_ERROR, "the image '" + printable + "' could not be read",
                "check the file (is it whole? a format the engine reads?), or convert it with forecourt iiif convert;"
                        + " the server's log says what the imaging engine found.", null);
    }

    private static Response overloaded(Exchange x, String why) {
        Response r = local(x, ErrorType.OVERLOADED, why, null);
        r.head().headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return r;
    }

    /** A taxonomy answer made here rather than by the Errors stage, because it needs a header of its own. */
    private static Response local(Exchange x, ErrorType type, String detail, String fix) {
        return Errors.render(x, new ForecourtException(type, detail, fix, null), Map.of());
    }

    static ForecourtException failure(IiifException e) {
        return new ForecourtException(e.type(), e.getMessage(), e.fix(), null);
    }

    @FunctionalInterface
    interface Job {
        Response run() throws IiifException, IOException;
    }

    /** For tests, which read its counters. */
    RenderPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        derivatives.close();
    }
}
