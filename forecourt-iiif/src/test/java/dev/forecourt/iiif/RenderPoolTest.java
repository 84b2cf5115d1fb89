package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            })).isNotNull();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.submit(() -> { })).as("queued").isNotNull();
            assertThat(pool.submit(() -> { })).as("refused: one running, one waiting").isNull();
            release.countDown();
        }
    }

    @Test
    void aWithdrawnTaskNeverRunsAndGivesItsPlaceBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ranWithdrawn = new AtomicBoolean();
        CountDownLatch next = new CountDownLatch(1);
        try (RenderPool pool = new RenderPool(1, 1)) {
            RenderPool.Ticket running = pool.submit(() -> {
                started.countDown();
                await(release);
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            RenderPool.Ticket waiting = pool.submit(() -> ranWithdrawn.set(true));
            assertThat(running.withdraw()).as("a running task is not withdrawn").isFalse();
            assertThat(waiting.withdraw()).isTrue();
            assertThat(waiting.withdraw()).as("once").isFalse();
            assertThat(pool.submit(next::countDown)).as("the queue's one place is free again").isNotNull();
            release.countDown();
            assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ranWithdrawn).isFalse();
            assertThat(pool.started()).isEqualTo(2);
            assertThat(pool.withdrawn()).isEqualTo(1);
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
