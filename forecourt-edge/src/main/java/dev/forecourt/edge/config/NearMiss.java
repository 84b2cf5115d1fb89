package dev.forecourt.edge.config;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean": the known name a mistyped one most likely meant. The same name in other case
 * ({@code healthcheck}), the console's {@code Managed-} prefix ({@code Managed-CachingOptimized}), or a name one or
 * two edits away (a quarter of its length at most, so that short names don't suggest unrelated ones).
 */
public final class NearMiss {
    private NearMiss() {}

    /** The suggestion, or null. */
    public static String of(String given, Collection<String> known) {
        String bare = given.regionMatches(true, 0, "Managed-", 0, 8) ? given.substring(8) : given;
        for (String k : known) {
            if (k.equalsIgnoreCase(given) || k.equalsIgnoreCase(bare)) return k;
        }
        String best = null;
        int bestDistance = Math.min(2, Math.max(1, given.length() / 4)) + 1;
        for (String k : known) {
            int d = distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " (did you mean 'X'?)", or nothing. */
    public static String hint(String given, Collection<String> known) {
        String s = of(given, known);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    /** Edits (insert, delete, replace, swap of neighbours) from one to the other. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
