package dev.forecourt.edge.config;

import java.util.List;
import java.util.Locale;

/**
 * What a header the file sets may be: a name that is an RFC 9110 token, a value without control characters (a CR or
 * LF would split it into two headers, or end the head), and for an origin's custom headers none that CloudFront
 * refuses to add (framing, hop-by-hop, conditional and cookie headers, which Forecourt sets or passes itself). Read
 * here, so that a bad one is a line of {@code check} instead of a 500 on every request.
 */
public final class HeaderRules {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** CloudFront's "custom headers that CloudFront can't add to origin requests" (X-Amz-* and X-Edge-* by prefix). */
    static final List<String> NOT_FOR_ORIGINS = List.of("cache-control", "connection", "content-length", "cookie",
            "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards",
            "pragma", "proxy-authorization", "proxy-connection", "range", "request-range", "te", "trailer",
            "transfer-encoding", "upgrade", "via", "x-real-ip", "x-amz-", "x-edge-");

    private HeaderRules() {}

    /** Whether {@code name} is an RFC 9110 token: what a header's (or a method's) name may be. */
    public static boolean isToken(String name) {
        return name.matches(TOKEN);
    }

    /** Null if {@code name} may be a header's name, else why not. */
    public static String nameProblem(String name) {
        return isToken(name) ? null : "'" + name + "' is no header name: a name is letters, digits and"
                + " !#$%&'*+.^_`|~- (no space, no colon). Fix: e.g. X-From-Edge";
    }

    /** Null if {@code value} may be a header's value, else why not. */
    public static String valueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "the value holds a control character (" + (c == '\r' ? "CR" : c == '\n' ? "LF"
                        : String.format("0x%02x", (int) c)) + "), which would split the header or end the head."
                        + " Fix: one line of visible characters";
            }
        }
        return null;
    }

    /** Null if an origin's custom header may be named {@code name} (a token not on CloudFront's list), else why not. */
    public static String originHeaderProblem(String name) {
        String token = nameProblem(name);
        if (token != null) {
            return token;
        }
        return listed(NOT_FOR_ORIGINS, name) ? "'" + name + "' is a header a custom header can't set (as CloudFront"
                + " refuses it: " + shown(NOT_FOR_ORIGINS) + "): Forecourt sets or passes it itself. Fix: another name,"
                + " or a behavior's policy" : null;
    }

    /** Whether {@code name} is on {@code list} (lower case; an entry ending in '-' is a prefix), as the clouds list them. */
    public static boolean listed(List<String> list, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String h : list) {
            if (h.endsWith("-") ? lower.startsWith(h) : lower.equals(h)) {
                return true;
            }
        }
        return false;
    }

    /** {@code list} as a finding shows it: prefixes with a '*' ({@code x-amz-*}). */
    public static String shown(List<String> list) {
        return String.join(", ", list.stream().map(h -> h.endsWith("-") ? h + "*" : h).toList());
    }
}
