package dev.forecourt.edge.route;

import dev.forecourt.http.HostPort;
import java.util.Locale;

/**
 * A domain a virtual host answers to: exact ({@code iiif.internal}), wildcard ({@code *.example.org}: any name
 * ending in {@code .example.org}, as Envoy matches), or with a port ({@code iiif.internal:9000}: that Host only).
 */
public record HostPattern(String text) {

    public HostPattern {
        text = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a domain can't be empty");
        }
        if (text.indexOf('*') > 0 || text.indexOf('*', 1) >= 0 || (text.startsWith("*") && !text.startsWith("*."))) {
            throw new IllegalArgumentException("'" + text + "': a wildcard may only be the whole first label (*.example.org)");
        }
    }

    public boolean isWildcard() {
        return text.startsWith("*.");
    }

    public boolean hasPort() {
        return HostPort.portColon(text) >= 0;
    }

    /** For wildcards: the suffix a Host must end with, including the dot. */
    String suffix() {
        return text.substring(1);
    }
}
