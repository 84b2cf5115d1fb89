package dev.forecourt.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stop's close does with what the running configuration kept. */
class KeptTest {

    @Test
    void aStopGivesEverythingThatWaitsAsItClosesOneDeadlineInAll() {
        // a connection log waits for its last records as it closes: each with a deadline of its own, a stop with a
        // leaked count took 40 s a log, one after the other
        List<Long> deadlines = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        Kept kept = new Kept();
        kept.begin();
        kept.keep("log/a", "a", () -> (Kept.ClosesBy) deadlines::add);
        kept.keep("broken", "x", () -> (Kept.ClosesBy) d -> { // first of the map's order: the others come after it
            throw new IllegalStateException("its file is gone");
        });
        kept.keep("log/b", "b", () -> (Kept.ClosesBy) deadlines::add);
        kept.keep("cache", "c", () -> (AutoCloseable) () -> closed.add("cache"));
        kept.commit();
        long before = System.nanoTime();
        kept.close(Duration.ofMillis(300));
        assertThat(deadlines).hasSize(2).allSatisfy(d -> assertThat(d).isEqualTo(deadlines.getFirst())
                .isBetween(before + 300_000_000L, System.nanoTime() + 300_000_000L));
        assertThat(closed).as("closed whatever one before it failed on").containsExactly("cache");
    }
}
