package dev.forecourt.iiif;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.request.IiifException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The human side of the image service: {@code /} lists the images with thumbnails, {@code /view/{id}} shows one in
 * OpenSeadragon (bundled at build time under {@code /static/openseadragon/}), {@code /health} names the engine. The
 * pages link by relative URLs, so they also work where a hop in front serves the app under a prefix (an API's
 * {@code /api/{proxy+}} route): the browser then asks for {@code /api/static/...}, not {@code /static/...}.
 */
final class Pages {
    private static final String STATIC = "/static/openseadragon/";
    private static final String RESOURCES = "dev/forecourt/iiif/static/openseadragon/";
    private static final int MAX_LISTED = 1000;
    private final ImageStore store;
    private final ImagingEngine engine;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    Pages(ImageStore store, ImagingEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    CompletionStage<Response> serve(Exchange x, String path, java.util.concurrent.Executor pool) {
        if (path.equals("/health")) {
            return done(text(HttpResponseStatus.OK, "text/plain; charset=utf-8", "ok\nengine: " + engine.status() + "\n"));
        }
        if (path.equals("/")) {
            try {
                return CompletableFuture.supplyAsync(this::index, pool);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                throw new ForecourtException(ErrorType.OVERLOADED, "every render worker is busy and the queue is full",
                        "retry in a moment.", null);
            }
        }
        if (path.startsWith("/view/") && path.length() > 6) {
            try {
                String id = Paths.decode(path.substring(6));
                store.resolve(id);
                String root = "../".repeat((int) path.substring(6).chars().filter(c -> c == '/').count() + 1);
                return done(text(HttpResponseStatus.OK, "text/html; charset=utf-8", viewer(id, root)));
            } catch (IiifException e) {
                throw IiifService.failure(e);
            }
        }
        if (path.startsWith(STATIC) && path.indexOf("..") < 0) {
            byte[] asset = asset(path.substring(STATIC.length()));
            if (asset != null) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, path.endsWith(".js") ? "text/javascript" : "image/png");
                head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, asset.length);
                head.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=86400");
                return done(new Response(head, Body.of(Unpooled.wrappedBuffer(asset))));
            }
        }
        throw new ForecourtException(ErrorType.NOT_FOUND, "nothing at '" + ImageStore.printable(path) + "'",
                "see / for the images, /iiif/3/{id}/info.json for one image's information.", null);
    }

    private byte[] asset(String name) {
        return assets.computeIfAbsent(name, n -> {
            try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(RESOURCES + n)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        });
    }

    private Response index() {
        List<String> ids = store.list(MAX_LISTED);
        StringBuilder b = head("Images").append("<h1>Images</h1>\n<p>").append(ids.size())
                .append(ids.size() == MAX_LISTED ? "+" : "").append(" served by ").append(html(engine.name()))
                .append(". Image API: <code>/iiif/3/{id}/info.json</code>, <code>/iiif/2/{id}/info.json</code>.</p>\n<ul class=\"grid\">\n");
        for (String id : ids) {
            String enc = Paths.encode(id);
            b.append("<li><a href=\"./view/").append(enc).append("\"><img loading=\"lazy\" alt=\"").append(html(id))
                    .append("\" src=\"./iiif/3/").append(enc).append("/full/!200,200/0/default.jpg\"><br>")
                    .append(html(id)).append("</a></li>\n");
        }
        b.append("</ul>\n</body></html>\n");
        return text(HttpResponseStatus.OK, "text/html; charset=utf-8", b.toString());
    }

    /** {@code root}: the app's root relative to this page ({@code ../}, more for an id written with its slashes). */
    private static String viewer(String id, String root) {
        String enc = Paths.encode(id);
        String at = root.substring(0, root.length() - 1); // without its last slash: STATIC starts with one
        return head(id).append("<p><a href=\"").append(root).append("\">Images</a> / ").append(html(id))
                .append(" (<a href=\"").append(at).append("/iiif/3/").append(enc).append("/info.json\">info.json</a>)</p>\n")
                .append("<div id=\"viewer\" style=\"width:100%;height:85vh;background:#111\"></div>\n")
                .append("<script src=\"").append(at).append(STATIC).append("openseadragon.min.js\"></script>\n")
                .append("<script>\nwindow.viewer = OpenSeadragon({id: \"viewer\", prefixUrl: \"").append(at).append(STATIC)
                .append("images/\", tileSources: [\"").append(at).append("/iiif/3/").append(enc).append("/info.json\"]});\n")
                .append("</script>\n</body></html>\n")
                .toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(4096).append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(html(title)).append(" - Forecourt IIIF</title>\n<style>body{font-family:sans-serif;margin:1em}")
                .append(".grid{display:flex;flex-wrap:wrap;list-style:none;padding:0}.grid li{margin:.5em;")
                .append("text-align:center;font-size:small}.grid img{max-width:200px;max-height:200px}</style>")
                .append("</head><body>\n");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Response text(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return new Response(head, Body.of(Unpooled.wrappedBuffer(bytes)));
    }

    private static CompletionStage<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }
}
