package dev.forecourt.cli.load;

import dev.forecourt.http.HostPort;
import java.util.Collection;
import java.util.Locale;

/**
 * Whether a certificate's names cover a name, as a client that checks names judges it: exactly, or by a wildcard of
 * one label ({@code *.example.org} covers {@code a.example.org}, not {@code example.org} nor
 * {@code a.b.example.org}); a wildcard name only by the same wildcard.
 */
public final class CertificateNames {
    private CertificateNames() {}

    public static boolean cover(Collection<String> names, String host) {
        String name = HostPort.withoutPort(host.toLowerCase(Locale.ROOT));
        if (names.contains(name)) return true;
        int dot = name.indexOf('.');
        return !name.startsWith("*") && dot > 0 && names.contains("*" + name.substring(dot));
    }

    /** Why a wildcard among the names misses {@code host}, when one seems meant for it; else "". */
    public static String wildcardNote(Collection<String> names, String host) {
        String name = HostPort.withoutPort(host.toLowerCase(Locale.ROOT));
        for (String n : names) {
            if (!n.startsWith("*.")) continue;
            String under = n.substring(2);
            if (name.equals(under)) {
                return " ('" + n + "' covers one label under " + under + ", not " + under + " itself)";
            }
            if (name.endsWith("." + under)) {
                return " ('" + n + "' covers one label under " + under + ", not '" + name + "')";
            }
        }
        return "";
    }
}
