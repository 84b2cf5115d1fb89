package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RenderPoolTest {
    @Test
    void aFullPoolRefusesAtOnceInsteadOfQueueingWithoutEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (RenderPool pool = new RenderPool(1, 1)) {
            assertThat(pool.submit(() -> {
                started.countDown();
                await(release);
            })).isTrue();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.submit(() -> { })).as("queued").isTrue();
            assertThat(pool.submit(() -> { })).as("refused: one running, one waiting").isFalse();
            release.countDown();
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
