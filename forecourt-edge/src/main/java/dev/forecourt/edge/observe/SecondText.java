package dev.forecourt.edge.observe;

import java.time.Instant;
import java.util.function.Function;

/**
 * A time format whose text changes once a second ({@code $time_local}, {@code $date}, {@code $time_of_day}): made
 * once per second and reused by every line of that second, as nginx caches its time strings, instead of being
 * written per request.
 */
final class SecondText {
    private record Made(long second, String text) {}

    private final Function<Instant, String> format;
    private volatile Made last = new Made(Long.MIN_VALUE, "");

    SecondText(Function<Instant, String> format) {
        this.format = format;
    }

    String of(Instant t) {
        Made m = last;
        if (m.second() == t.getEpochSecond()) {
            return m.text();
        }
        String text = format.apply(t);
        last = new Made(t.getEpochSecond(), text);
        return text;
    }
}
