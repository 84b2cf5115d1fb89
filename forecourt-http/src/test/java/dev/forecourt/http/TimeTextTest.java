package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TimeText against the JDK's formatters (the oracle: what the logs printed before), on many instants and zones. */
class TimeTextTest {
    private static final DateTimeFormatter COMMON = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"), ZoneOffset.ofHoursMinutes(-9, -30)};

    @Test
    void writesWhatTheJdksFormattersWrite() {
        SplittableRandom random = new SplittableRandom(17);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(), max), nano);
            ZoneId zone = ZONES[i % ZONES.length];
            assertThat(TimeText.iso(t)).isEqualTo(t.toString());
            assertThat(TimeText.day(t)).isEqualTo(DAY.format(t));
            assertThat(TimeText.clock(t)).isEqualTo(CLOCK.format(t));
            if (t.atZone(zone).getYear() >= 1 && t.atZone(zone).getYear() <= 9999) {
                assertThat(TimeText.common(t, zone)).isEqualTo(COMMON.withZone(zone).format(t));
            }
            long ms = t.toEpochMilli();
            assertThat(TimeText.clockMillis(new StringBuilder(), ms, zone))
                    .hasToString(MILLIS.withZone(zone).format(Instant.ofEpochMilli(ms)));
        }
    }

    @Test
    void aTimeOutsideFourDigitYearsIsWrittenAsTheJdkDoesOrAsADash() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(TimeText.iso(far)).isEqualTo(far.toString());
        assertThat(TimeText.day(far)).isEqualTo("-");
        assertThat(TimeText.common(far, ZoneOffset.UTC)).isEqualTo("-");
        assertThat(TimeText.iso(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(TimeText.iso(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(TimeText.day(Instant.MIN)).isEqualTo("-");
        assertThat(TimeText.clock(Instant.MAX)).isEqualTo("23:59:59"); // the JDK formatter throws on it
    }

    @Test
    void anOffsetUnderAMinuteIsWrittenAsTheJdkWritesIt() {
        Instant t = Instant.parse("2026-12-01T12:00:00Z");
        ZoneOffset small = ZoneOffset.ofTotalSeconds(-30);
        assertThat(TimeText.common(t, small)).isEqualTo(COMMON.withZone(small).format(t)).endsWith("+0000");
    }
}
