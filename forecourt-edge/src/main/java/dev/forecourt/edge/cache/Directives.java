package dev.forecourt.edge.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of {@code Cache-Control} (or {@code CDN-Cache-Control}) field lines, RFC 9111 section 5.2: names
 * case-insensitive, values as tokens or quoted strings, commas inside quotes not splitting. A delta-seconds
 * directive given twice with different values, or with a value that is not digits, counts as {@link #INVALID}:
 * the response is then treated as stale (section 4.2.1: "the most restrictive").
 */
final class Directives {
    /** A delta-seconds directive that is present but unusable. */
    static final long INVALID = -2;
    /** A delta-seconds directive that is absent. */
    static final long ABSENT = -1;
    /** Delta-seconds larger than this are this (RFC 9111 section 1.2.2). */
    static final long MAX_DELTA = 2_147_483_648L;

    static final Directives NONE = new Directives(Map.of());

    private final Map<String, String> values; // name -> value ("" for a bare directive); duplicates marked

    private Directives(Map<String, String> values) {
        this.values = values;
    }

    static Directives parse(List<String> lines) {
        if (lines.isEmpty()) {
            return NONE;
        }
        Map<String, String> out = new HashMap<>();
        for (String line : lines) {
            parseLine(line, out);
        }
        return new Directives(out);
    }

    private static void parseLine(String s, Map<String, String> out) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            int start = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',') i++;
            String name = s.substring(start, i).trim().toLowerCase(Locale.ROOT);
            String value = "";
            if (i < n && s.charAt(i) == '=') {
                i++;
                while (i < n && s.charAt(i) == ' ') i++;
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder b = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) i++;
                        b.append(s.charAt(i++));
                    }
                    i++; // closing quote
                    value = b.toString();
                    while (i < n && s.charAt(i) != ',') i++;
                } else {
                    int vs = i;
                    while (i < n && s.charAt(i) != ',') i++;
                    value = s.substring(vs, i).trim();
                }
            }
            if (!name.isEmpty()) {
                String prev = out.putIfAbsent(name, value);
                if (prev != null && !prev.equals(value)) {
                    out.put(name, "\u0000conflict");
                }
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Seconds of a delta-seconds directive, {@link #ABSENT} or {@link #INVALID}. */
    long seconds(String name) {
        String v = values.get(name);
        if (v == null) {
            return ABSENT;
        }
        if (v.isEmpty()) {
            return INVALID;
        }
        long s = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            s = s * 10 + (c - '0');
            if (s > MAX_DELTA) {
                s = MAX_DELTA;
            }
        }
        return s;
    }
}
