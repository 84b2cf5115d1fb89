package dev.forecourt.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.Response;
import dev.forecourt.http.Body;
import dev.forecourt.http.BodySink;
import dev.forecourt.http.FileBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a memory tier's hit is sent as: with {@code sendsFiles} a body of {@link MemoryFileBuffer#FROM} (64 KiB) and
 * more is a {@link FileBody} over the memory-backed file that holds its bytes (the listener sends it with sendfile),
 * a smaller one a buffer; without {@code sendsFiles} (an API's cache on io_uring loops) every body is a buffer. The
 * bytes are the stored ones either way. (MemoryFileTest holds the wire to the same bytes through a distribution.)
 */
class MemoryFileAnswerTest {
    private static final InstantSource CLOCK = InstantSource.fixed(java.time.Instant.ofEpochSecond(1_800_000_000L));
    private static final int FROM = MemoryFileBuffer.FROM;

    @BeforeAll
    static void memfd() {
        Assumptions.assumeTrue(Memfd.AVAILABLE, "memory-backed files (Linux memfd)");
    }

    @Test
    void whereTheLoopsSendFilesAHitOf64KiBAndMoreIsTheFileThatHoldsItsBytes() throws IOException {
        try (HttpCache cache = new HttpCache(8L << 20, 2L << 20, null, CLOCK, true)) {
            for (int length : new int[] {FROM, 300_000}) {
                byte[] body = bytes(length);
                store(cache, "/big", body);
                CachedResponse stored = stored(cache, "/big");
                assertThat(stored.body).isInstanceOf(MemoryFileBuffer.class);
                assertThat(inFile(((MemoryFileBuffer) stored.body).channel(), length)).as("the file sendfile reads")
                        .isEqualTo(body);
                Body answer = hit(cache, "/big");
                assertThat(answer).as("%d bytes", length).isInstanceOf(FileBody.class);
                assertThat(answer.contentLength()).isEqualTo(length);
                assertThat(drained(answer)).isEqualTo(body);
            }
            byte[] below = bytes(FROM - 1);
            store(cache, "/below", below);
            Body answer = hit(cache, "/below");
            assertThat(answer).isNotInstanceOf(FileBody.class);
            assertThat(drained(answer)).isEqualTo(below);
        }
    }

    @Test
    void whereTheyDoNotEveryHitIsABuffer() throws IOException {
        try (HttpCache cache = new HttpCache(8L << 20, 2L << 20, null, CLOCK, false)) {
            byte[] body = bytes(300_000);
            store(cache, "/big", body);
            assertThat(stored(cache, "/big").body).isNotInstanceOf(MemoryFileBuffer.class);
            Body answer = hit(cache, "/big");
            assertThat(answer).isNotInstanceOf(FileBody.class);
            assertThat(drained(answer)).isEqualTo(body);
        }
    }

    private static byte[] bytes(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    private static void store(HttpCache cache, String url, byte[] body) {
        long now = CLOCK.millis();
        ByteBuf b = Unpooled.directBuffer(body.length).writeBytes(body);
        cache.store(url, new CachedResponse("", List.of(), List.of(), HttpResponseStatus.OK, new DefaultHttpHeaders(),
                b, now, now, 600_000, 0, Directives.NONE));
    }

    private static CachedResponse stored(HttpCache cache, String url) {
        CachedResponse r = cache.find(new CacheKey(url, ""), new DefaultHttpHeaders());
        assertThat(r).as("stored: %s", url).isNotNull();
        return r;
    }

    /** The body a GET hit on {@code url} is answered with. */
    private static Body hit(HttpCache cache, String url) {
        Response a = StoredAnswer.of(stored(cache, url), CLOCK.millis(), HttpMethod.GET, Preconditions.NONE, "Hit");
        assertThat(a.head().status()).isEqualTo(HttpResponseStatus.OK);
        return a.body();
    }

    private static byte[] inFile(FileChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) break;
        }
        return b.array();
    }

    /** The bytes a body delivers to a sink (each chunk released); fails unless it ends. */
    private static byte[] drained(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] ended = {false};
        body.subscribe(new BodySink() {
            @Override
            public void onContent(HttpContent c) {
                out.writeBytes(ByteBufUtil.getBytes(c.content()));
                ended[0] |= c instanceof LastHttpContent;
                c.release();
            }

            @Override
            public void onError(Throwable cause) {
                throw new AssertionError(cause);
            }
        });
        assertThat(ended[0]).as("the body ended").isTrue();
        return out.toByteArray();
    }
}
