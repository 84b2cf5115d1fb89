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

    private HttpDate() {}

    /** {@code millis} since the epoch, in GMT, to the second (earlier than year 0 or past 9999: not an HTTP date). */
    public static String format(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29).append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        TimeText.digits(b, t.getDayOfMonth(), 2).append(' ').append(TimeText.MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " has no HTTP date");
        }
        TimeText.digits(b, year, 4).append(' ');
        return TimeText.clock(b, t).append(" GMT").toString();
    }
}
