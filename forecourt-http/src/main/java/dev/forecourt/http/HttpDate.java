package dev.forecourt.http;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats an HTTP date (RFC 9110 section 5.6.7, IMF-fixdate: {@code Sun, 06 Nov 1994 08:49:37 GMT}) by arithmetic.
 * Netty's {@code DateFormatter.format} goes through a {@code GregorianCalendar}, whose first use loads the JDK's
 * locale data (CLDR): ~30 ms of the first answer after a start that carries a {@code Last-Modified} (measured).
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private HttpDate() {}

    /** {@code millis} since the epoch, in GMT, to the second (earlier than year 0 or past 9999: not an HTTP date). */
    public static String format(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29).append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " has no HTTP date");
        }
        b.append((char) ('0' + year / 1000)).append((char) ('0' + year / 100 % 10));
        two(b, year % 100).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        return two(b, t.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
