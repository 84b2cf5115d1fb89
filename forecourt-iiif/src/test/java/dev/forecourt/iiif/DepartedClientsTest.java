package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.VipsEngine;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders asked for by clients that then left are withdrawn before they start: the workers are not spent on
 * answers nobody reads, and a client still here is not kept waiting behind them.
 */
class DepartedClientsTest {
    private static final int WORKERS = 2;
    private static final int CLIENTS = 60;
    private static final int SIDE = 4000;

    @Test
    @Timeout(15)
    void queuedRendersOfClientsThatLeftNeverStart(@TempDir Path dir) throws Exception {
        Samples.write(Samples.grid(SIDE, SIDE), dir.resolve("big.jpg"), "jpg");
        IiifSettings settings = IiifSettings.defaults(dir).withWorkers(WORKERS, 2 * CLIENTS);
        try (Server server = new Server(settings, VipsEngine.load(64L << 20))) {
            for (int i = 0; i < CLIENTS; i++) {
                // a different region each, at full size: slow, and nothing cached can answer it
                int side = SIDE - i;
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /iiif/3/big.jpg/0,0," + side + "," + side + "/max/0/default.png HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } // closed right after sending: this client is gone
            }
            RenderPool pool = server.pool();
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<byte[]>> after = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(server.url("/iiif/3/big.jpg/full/64,/0/default.jpg"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> answer;
            try {
                answer = after.get(3, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("a client still here waited over 3 s; renders started so far: "
                        + pool.started() + " of " + CLIENTS + " whose clients left", e);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(answer.statusCode()).isEqualTo(200);
            // those already running when their clients left (at most one per worker, and a few more were a
            // worker quicker than the closes), plus the request still wanted
            assertThat(pool.started()).as("renders started, answered in %d ms", ms).isLessThanOrEqualTo(WORKERS + 4);
            assertThat(pool.withdrawn()).as("renders withdrawn").isGreaterThanOrEqualTo(CLIENTS - WORKERS - 3);
        }
    }
}
