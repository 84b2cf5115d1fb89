package dev.forecourt.edge;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** The system's time plus what a test has turned it on by: "a second later" without waiting a second. */
public final class TestClock implements InstantSource {
    private final AtomicLong aheadMillis = new AtomicLong();

    public void advance(Duration d) {
        aheadMillis.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(aheadMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + aheadMillis.get();
    }
}
