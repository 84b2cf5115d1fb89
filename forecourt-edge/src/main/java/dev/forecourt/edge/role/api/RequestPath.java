package dev.forecourt.edge.role.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's path as routes see it: percent-decoded, as API Gateway decodes it, then cut into segments. With
 * {@code keepEncodedSlashes} an encoded slash ({@code %2F}) stays the three characters it was, inside its segment,
 * instead of cutting one (what users of paths that carry ids with slashes ask for).
 */
final class RequestPath {
    private static final String[] ROOT = new String[0];

    private RequestPath() {}

    /** The segments of {@code raw} (a path without its query, starting with '/'); the root has none. */
    static String[] segments(String raw, boolean keepEncodedSlashes) {
        if (raw.length() <= 1) {
            return ROOT;
        }
        String path = keepEncodedSlashes || raw.indexOf('%') < 0 ? raw : decode(raw, false);
        List<String> out = new ArrayList<>(8);
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            String s = path.substring(from, slash < 0 ? path.length() : slash);
            out.add(keepEncodedSlashes && s.indexOf('%') >= 0 ? decode(s, true) : s);
            if (slash < 0) break;
            from = slash + 1;
        }
        return out.toArray(ROOT);
    }

    /** Percent-decoded as UTF-8 ({@code keepSlash}: {@code %2F} left as it is); a malformed escape stays literal. */
    static String decode(String s, boolean keepSlash) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (hi >= 0 && lo >= 0 && !(keepSlash && hi == 2 && lo == 15)) {
                b.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                b.write(c);
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                b.write(u, 0, u.length);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code path} fit for a request line: what a path may not hold as it is (spaces, controls, non-ASCII, '?', '#', a
     * '%' that starts no escape) percent-encoded; '/' and escapes already there are kept.
     */
    static String encode(String path) {
        StringBuilder b = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && c != '?' && c != '#' && c != '"' && c != '<' && c != '>'
                    && c != '\\' && c != '^' && c != '`' && c != '{' && c != '|' && c != '}'
                    && (c != '%' || (i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0));
            if (ok) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) {
                b = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
            for (byte x : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 15, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 15, 16)));
            }
            i = end - 1;
        }
        return b == null ? path : b.toString();
    }
}
