package dev.forecourt.edge.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a key set from its {@code jwks_uri} with the JDK's HTTP client, asynchronously: no event loop waits on the
 * identity provider. The whole fetch (connect, answer, body) has one timeout; a body over the limit is refused; only a
 * 200 is a key set.
 */
final class HttpJwksLoader implements JwksLoader {
    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final int maxBytes;

    HttpJwksLoader(HttpClient client, URI uri, Duration timeout, int maxBytes) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletableFuture<String> load() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("accept", "application/jwk-set+json, application/json").GET().build();
        return client.sendAsync(request, BoundedBody.handler(maxBytes))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.statusCode());
                    }
                    if (response.body() == null) {
                        throw new IllegalStateException(uri + " sent a key set larger than " + maxBytes + " bytes");
                    }
                    return new String(response.body(), StandardCharsets.UTF_8);
                })
                // the request timeout covers the answer's head; this one the body too
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String where() {
        return uri.toString();
    }

    /**
     * An HTTP client for key sets: a connect timeout, redirects followed as browsers do, and at most one thread of its
     * own for its work besides the JDK's selector thread (key fetches are rare), gone when idle.
     */
    static HttpClient client(Duration connectTimeout, ExecutorService executor) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
    }

    /** The executor {@link #client} runs on; the owner shuts it down with the client. */
    static ExecutorService executor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("forecourt-jwks").daemon().factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
