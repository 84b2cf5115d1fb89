package dev.forecourt.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk tier through its own API: what it writes is found again, across restarts. */
class DiskTierTest {
    @TempDir
    Path dir;

    static CachedResponse response(String body) {
        return new CachedResponse("", List.of(), List.of(), HttpResponseStatus.OK, new DefaultHttpHeaders(),
                body(body), 0, 0, 600_000, 0, Directives.parse(List.of("max-age=600")));
    }

    static ByteBuf body(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    static String bodyOf(DiskTier tier, String url) throws Exception {
        CachedResponse r = tier.load(url, "", new DefaultHttpHeaders()).get(5, TimeUnit.SECONDS);
        if (r == null) {
            return null;
        }
        try {
            return r.body.toString(StandardCharsets.UTF_8);
        } finally {
            r.body.release();
        }
    }

    /** Closing waits for the writer: what was written before is on disk after. */
    static void write(DiskTier tier, String url, String body) {
        tier.write(url, response(body), body(body), null);
    }

    @Test
    void aWriteAfterARestartNeverTakesTheNameOfTheFileItReplaces() throws Exception {
        try (DiskTier first = new DiskTier(dir, 1 << 20)) {
            write(first, "h/a", "a");
            write(first, "h/x", "x, first");
        }
        try (DiskTier second = new DiskTier(dir, 1 << 20)) {
            write(second, "h/x", "x, second"); // replaces the first x: must not delete itself
        }
        try (DiskTier third = new DiskTier(dir, 1 << 20)) {
            assertThat(bodyOf(third, "h/x")).isEqualTo("x, second");
            assertThat(bodyOf(third, "h/a")).isEqualTo("a");
        }
    }

    @Test
    void anObjectLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing() throws Exception {
        try (DiskTier tier = new DiskTier(dir, 1000)) {
            write(tier, "h/small", "s".repeat(100));
            write(tier, "h/huge", "h".repeat(2000));
        }
        try (DiskTier again = new DiskTier(dir, 1000)) {
            assertThat(bodyOf(again, "h/small")).isEqualTo("s".repeat(100));
            assertThat(bodyOf(again, "h/huge")).isNull();
            assertThat(again.bytes()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void aBudgetLoweredByAReloadIsKeptFromTheNextWriteAndTheIndexAgrees() throws Exception {
        try (DiskTier tier = new DiskTier(dir, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                write(tier, "h/" + i, Integer.toString(i).repeat(1000));
            }
            awaitObjects(tier, 5);
            long one = tier.bytes() / 5;
            tier.budget(2 * one + 100); // room for two (the new one's url is a little longer)
            write(tier, "h/new", "n".repeat(1000));
            DefaultHttpHeaders request = new DefaultHttpHeaders();
            // the writer stores the file, then indexes it: the count may reach 2 a moment before the index has it
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                 !tier.has("h/new", "", request) && System.nanoTime() < until; ) {
                Thread.sleep(10);
            }
            awaitObjects(tier, 2);
            assertThat(tier.bytes()).isLessThanOrEqualTo(2 * one + 100);
            assertThat(tier.has("h/new", "", request)).isTrue();
            assertThat(tier.has("h/4", "", request)).isTrue();
            assertThat(tier.has("h/0", "", request)).as("evicted: the tier's index forgot it too").isFalse();
            assertThat(bodyOf(tier, "h/0")).isNull();
            assertThat(tier.remove(url -> true)).isEqualTo(2);
            assertThat(tier.objects()).isZero();
            assertThat(tier.bytes()).isZero();
        }
    }

    private static void awaitObjects(DiskTier tier, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tier.objects() != n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(tier.objects()).isEqualTo(n);
    }
}
