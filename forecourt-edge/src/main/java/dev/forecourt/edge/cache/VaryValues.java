package dev.forecourt.edge.cache;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;

/**
 * A request header's value as a Vary comparison sees it (RFC 9111 section 4.1): all its field lines combined,
 * whitespace removed; Accept-Language and Accept-Encoding also compared without case. Null when absent.
 */
final class VaryValues {
    private VaryValues() {}

    static String of(HttpHeaders request, String name) {
        List<String> lines = request.getAll(name);
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            if (!b.isEmpty()) b.append(',');
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != ' ' && c != '\t') b.append(c);
            }
        }
        String v = b.toString();
        return name.equals("accept-language") || name.equals("accept-encoding") ? v.toLowerCase(Locale.ROOT) : v;
    }

    /**
     * The lower-case names a Vary header lists, or null for {@code *} (the response matches no later request).
     */
    static List<String> names(List<String> varyLines) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String line : varyLines) {
            for (String part : line.split(",")) {
                String n = part.trim().toLowerCase(Locale.ROOT);
                if (n.equals("*")) {
                    return null;
                }
                if (!n.isEmpty() && !out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return List.copyOf(out);
    }
}
