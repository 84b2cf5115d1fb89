package dev.forecourt.edge.function;

import dev.forecourt.edge.route.PathPattern;
import java.util.List;
import java.util.Map;

/**
 * A declarative edge function (the part of CloudFront Functions people use): on the paths it matches, it sets and
 * removes headers (Host too, which the cloud forbids), rewrites the URI and query string, or answers at once with
 * a redirect or a generated response. Templates may use {@code $uri} (path), {@code $query} and {@code $host}, or
 * {@code ${uri}}, {@code ${query}}, {@code ${host}} ({@link Template}).
 * At a response event only the header edits apply.
 */
public record EdgeFunction(String name, PathPattern match, Map<String, String> setHeaders, List<String> removeHeaders,
                           String uri, String query, Redirect redirect, Generated respond) {

    /** Where a function runs, as the cloud names the four events. */
    public enum Event {
        VIEWER_REQUEST("viewer-request"), VIEWER_RESPONSE("viewer-response"),
        ORIGIN_REQUEST("origin-request"), ORIGIN_RESPONSE("origin-response");

        private final String key;

        Event(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Event of(String key) {
            for (Event e : values()) {
                if (e.key.equals(key)) return e;
            }
            return null;
        }
    }

    public record Redirect(int status, String location) {}

    public record Generated(int status, String contentType, String body) {}

    public EdgeFunction {
        setHeaders = setHeaders == null ? Map.of() : Map.copyOf(setHeaders);
        removeHeaders = removeHeaders == null ? List.of() : List.copyOf(removeHeaders);
    }

    /** Whether it sets Host (then the origin gets that Host, whatever the origin request policy forwards). */
    public boolean setsHost() {
        return setHeaders.keySet().stream().anyMatch(n -> n.equalsIgnoreCase("host"));
    }

    public boolean appliesTo(String path) {
        return match == null || match.matches(path);
    }

    /** Fills {@code $uri}, {@code $query}, {@code $host} (or {@code ${uri}}, ...) in a template. */
    static String fill(String template, String path, String query, String host) {
        return Template.fill(template, path, query, host);
    }
}
