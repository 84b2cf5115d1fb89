package dev.forecourt.iiif;

import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.http.Limits;
import dev.forecourt.http.Listener;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.Transport;
import dev.forecourt.iiif.imaging.ImagingEngine;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real image service on 127.0.0.1, and a client for it. */
final class Server implements AutoCloseable {
    private final EventLoopGroup group = Transport.newGroup(1, "iiif-test");
    private final Listener listener;
    private final IiifServer.Handler handler;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Server(IiifSettings settings, ImagingEngine engine) throws Exception {
        handler = IiifServer.handler("iiif", settings, engine, AccessLog.off(), new Metrics());
        listener = Listener.start(new ListenerSpec("iiif", new InetSocketAddress("127.0.0.1", 0), null, Limits.DEFAULT),
                handler, group);
    }

    int port() {
        return listener.address().getPort();
    }

    /** The service's render pool, whose counters say what it ran. */
    RenderPool pool() {
        return handler.service().pool();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        listener.close();
        handler.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
