package dev.forecourt.edge.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scaling arithmetic: out at once to what the demand needs, in only after a whole cool-down that needed less. */
class AutoscalerTest {
    private static final long S = 1_000_000_000L;
    private static final RunConfig RUN = new RunConfig(List.of("app"), Map.of(), Path.of("."), RunConfig.AUTO_PORT,
            1, 4, 10, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5));

    @Test
    void outAtOnceWithinMaxAndInAfterACooldownOfLowerDemandWithinMin() {
        Autoscaler a = new Autoscaler(RUN, 0);
        assertThat(a.onArrival(10, 1, 0)).as("10 in flight fit 1 × 10").isEqualTo(1);
        assertThat(a.onArrival(11, 1, 0)).isEqualTo(2);
        assertThat(a.onArrival(35, 2, 0)).isEqualTo(4);
        assertThat(a.onArrival(500, 4, 0)).as("never beyond max").isEqualTo(4);
        assertThat(a.onTick(12, 4, 1 * S)).as("less demand, but no cool-down yet").isEqualTo(4);
        assertThat(a.onTick(25, 4, 4 * S)).isEqualTo(4);
        assertThat(a.onTick(3, 4, 6 * S)).as("the cool-down's highest demand, 25, needs 3").isEqualTo(3);
        assertThat(a.cooldownPeak()).isEqualTo(25);
        assertThat(a.onTick(21, 3, 7 * S)).as("needed whole again: the cool-down restarts").isEqualTo(3);
        assertThat(a.onTick(0, 3, 11 * S)).isEqualTo(3);
        assertThat(a.onTick(0, 3, 12 * S + 1)).as("never below min").isEqualTo(1);
    }
}
