package dev.forecourt.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The times the logs print, written field by field (as {@link HttpDate}, which shares its parts): the text
 * DateTimeFormatter would make for these fixed patterns, without what its first use loads (the pattern parser, the
 * locale providers and their CLDR data: ~80 classes and a part of every start's memory, measured with the start-up
 * cache's map). A time outside the years 1-9999 (never a
 * request's) is written as {@link Instant#toString()} does by {@link #iso} and as {@code -} by the dates; the clocks
 * write its time of day.
 */
public final class TimeText {
    /** English month names, as logs and HTTP dates ({@link HttpDate}) write them. */
    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    /** The first and last second of the years 1..9999 in UTC: what is outside is not written field by field. */
    private static final long FIRST = -62135596800L;
    private static final long LAST = 253402300799L;

    private TimeText() {}

    /** {@link Instant#toString()}: {@code 2026-12-01T12:00:00.123Z}, the fraction in groups of three digits as needed. */
    public static String iso(Instant t) {
        if (t.getEpochSecond() < FIRST || t.getEpochSecond() > LAST) return t.toString();
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(30);
        date(b, d).append('T');
        clock(b, d);
        int nano = t.getNano();
        if (nano > 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                digits(b, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(b, nano / 1000, 6);
            } else {
                digits(b, nano, 9);
            }
        }
        return b.append('Z').toString();
    }

    /** nginx's {@code $time_local} ({@code dd/MMM/yyyy:HH:mm:ss Z}, English months) in {@code zone}. */
    public static String common(Instant t, ZoneId zone) {
        if (t.getEpochSecond() < FIRST || t.getEpochSecond() > LAST) return "-";
        ZoneOffset offset = zone.getRules().getOffset(t);
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset);
        if (d.getYear() < 1 || d.getYear() > 9999) return "-"; // an offset took it over an end
        StringBuilder b = new StringBuilder(26);
        digits(b, d.getDayOfMonth(), 2).append('/').append(MONTHS[d.getMonthValue() - 1]).append('/');
        digits(b, d.getYear(), 4).append(':');
        clock(b, d).append(' ');
        int minutes = offset.getTotalSeconds() / 60; // Z has no seconds: an offset under a minute is +0000
        b.append(minutes < 0 ? '-' : '+');
        minutes = Math.abs(minutes);
        digits(b, minutes / 60, 2);
        return digits(b, minutes % 60, 2).toString();
    }

    /** {@code yyyy-MM-dd} in UTC. */
    public static String day(Instant t) {
        if (t.getEpochSecond() < FIRST || t.getEpochSecond() > LAST) return "-";
        return date(new StringBuilder(10), LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC)).toString();
    }

    /** {@code HH:mm:ss} in UTC. */
    public static String clock(Instant t) {
        long s = Math.floorMod(t.getEpochSecond(), 86_400L); // a time of day: any instant has one
        return clock(new StringBuilder(8), LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC)).toString();
    }

    /** {@code HH:mm:ss.SSS} of {@code epochMilli} in {@code zone}: a log line's time. */
    public static StringBuilder clockMillis(StringBuilder b, long epochMilli, ZoneId zone) {
        Instant t = Instant.ofEpochMilli(epochMilli);
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, zone.getRules().getOffset(t));
        clock(b, d).append('.');
        return digits(b, Math.floorMod(epochMilli, 1000L), 3);
    }

    private static StringBuilder date(StringBuilder b, LocalDateTime d) {
        digits(b, d.getYear(), 4).append('-');
        digits(b, d.getMonthValue(), 2).append('-');
        return digits(b, d.getDayOfMonth(), 2);
    }

    static StringBuilder clock(StringBuilder b, LocalDateTime d) {
        digits(b, d.getHour(), 2).append(':');
        digits(b, d.getMinute(), 2).append(':');
        return digits(b, d.getSecond(), 2);
    }

    /** {@code n} (not negative) in {@code width} digits, zeros in front. */
    static StringBuilder digits(StringBuilder b, long n, int width) {
        for (long scale = pow10(width - 1); scale > 0; scale /= 10) {
            b.append((char) ('0' + n / scale % 10));
        }
        return b;
    }

    private static long pow10(int e) {
        long p = 1;
        for (int i = 0; i < e; i++) p *= 10;
        return p;
    }
}
