package dev.forecourt.edge.config;

import java.time.Duration;

/** Durations written back as the file writes them ({@code 5s}, {@code 250ms}, {@code 2m}), for messages. */
public final class Durations {
    private Durations() {}

    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
