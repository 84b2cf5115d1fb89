package dev.forecourt.iiif.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lazy handle is made on its first call only, once whatever the threads, and calls through with its exact type. */
class LazyDowncallTest {
    private static final MethodType INT_INT_TO_INT = MethodType.methodType(int.class, int.class, int.class);

    @Test
    void madeOnFirstCallThenCalledStraight() throws Throwable {
        AtomicInteger made = new AtomicInteger();
        MethodHandle max = lazyMax(made);
        assertThat(made).hasValue(0);
        assertThat(max.type()).isEqualTo(INT_INT_TO_INT);
        assertThat((int) max.invokeExact(3, 7)).isEqualTo(7);
        assertThat((int) max.invokeExact(9, 2)).isEqualTo(9);
        assertThat(made).hasValue(1);
    }

    @Test
    void threadsCallingFirstTogetherMakeItOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        MethodHandle max = lazyMax(made);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger right = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                    if ((int) max.invokeExact(n, 4) == Math.max(n, 4)) right.incrementAndGet();
                } catch (Throwable e) {
                    throw new AssertionError(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            assertThat(t.join(java.time.Duration.ofSeconds(10))).isTrue();
        }
        assertThat(right).hasValue(8);
        assertThat(made).hasValue(1);
    }

    /** A lazy Math.max that counts how often it is made. */
    private static MethodHandle lazyMax(AtomicInteger made) {
        return LazyDowncall.of(INT_INT_TO_INT, () -> {
            made.incrementAndGet();
            return maxHandle();
        });
    }

    private static MethodHandle maxHandle() {
        try {
            return MethodHandles.lookup().findStatic(Math.class, "max", INT_INT_TO_INT);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
