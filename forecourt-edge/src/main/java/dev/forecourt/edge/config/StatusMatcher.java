package dev.forecourt.edge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Which HTTP status codes a health check counts as healthy, as a target group's {@code matcher} writes them:
 * {@code 200-399}, {@code 200,202}, {@code 200-299,302}.
 */
public record StatusMatcher(String text, List<int[]> ranges) {
    public static final StatusMatcher DEFAULT = parse("200-399");

    public boolean matches(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) return true;
        }
        return false;
    }

    /** Throws IllegalArgumentException saying what is wrong and what is expected. */
    public static StatusMatcher parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int from = code(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : code(p.substring(dash + 1), text);
            if (to < from) {
                throw new IllegalArgumentException("'" + p + "' runs backwards; write LOW-HIGH, e.g. 200-399");
            }
            ranges.add(new int[] {from, to});
        }
        return new StatusMatcher(text, List.copyOf(ranges));
    }

    private static int code(String s, String whole) {
        try {
            int c = Integer.parseInt(s.trim());
            if (c >= 200 && c <= 599) return c;
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException("'" + whole + "' is not a status matcher: codes 200 to 599, as 200-399 or"
                + " 200,202");
    }

    @Override
    public String toString() {
        return text;
    }
}
