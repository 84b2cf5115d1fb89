package dev.forecourt.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.TimeText;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecondTextTest {
    @Test
    void oneSecondIsFormattedOnceAndTheNextAgain() {
        SecondText t = new SecondText(TimeText::clock);
        String a = t.of(Instant.parse("2026-11-30T04:35:07.120Z"));
        assertThat(a).isEqualTo("04:35:07");
        assertThat(t.of(Instant.parse("2026-11-30T04:35:07.980Z"))).as("the same second's text, reused").isSameAs(a);
        assertThat(t.of(Instant.parse("2026-11-30T04:35:08.001Z"))).isEqualTo("04:35:08");
        assertThat(t.of(Instant.parse("2026-11-30T04:35:07.500Z"))).as("a late line of an earlier second").isEqualTo("04:35:07");
    }
}
