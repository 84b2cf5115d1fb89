package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void theExampleOfRfc9110() {
        assertThat(HttpDate.format(784111777_000L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(784111777_999L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void sameAsNettysFormatterFromTheEpochToYear9999() {
        SplittableRandom r = new SplittableRandom(20261130);
        long last = 253402300799_999L; // 9999-12-31T23:59:59.999Z
        for (int i = 0; i < 100_000; i++) {
            long millis = i < 4 ? new long[] {0, 951782400_000L, 4107542400_000L, last}[i] : r.nextLong(last + 1);
            assertThat(HttpDate.format(millis)).as("%d", millis).isEqualTo(DateFormatter.format(new Date(millis)));
        }
    }

    @Test
    void aYearBeyondFourDigitsIsRefused() {
        assertThatThrownBy(() -> HttpDate.format(253402300800_000L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
    }
}
