package dev.forecourt.edge.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A trace as the admin listener serves it ({@code GET /traces/ID}), what {@code forecourt trace} reads:
 * <pre>
 * {"traceId": "...", "hops": [{"hop": "distribution/images", "kind": "http", "start": "2026-...Z",
 *   "notes": [{"phase": "arrived", "text": "..."}, ...], "status": 200, "answer": "upstream",
 *   "error": null, "detail": null, "fix": null, "durationMs": 12.3, "notesDropped": 0}, ...]}
 * </pre>
 * Hops are in the order they began; a link's hop has no status.
 */
public final class TraceJson {
    private TraceJson() {}

    private static final JsonFactory JSON = new JsonFactory();

    public static String of(String traceId, List<HopTrace> hops) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("traceId", traceId);
            g.writeArrayFieldStart("hops");
            for (HopTrace h : hops) {
                hop(g, h);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    /** The ids held, newest last: {@code {"traces": ["...", ...]}}. */
    public static String ids(List<String> ids) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("traces");
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void hop(JsonGenerator g, HopTrace h) throws IOException {
        g.writeStartObject();
        g.writeStringField("hop", h.hop());
        g.writeStringField("kind", h.kind());
        g.writeStringField("start", h.start().toString());
        g.writeArrayFieldStart("notes");
        for (HopTrace.Note n : h.notes()) {
            g.writeStartObject();
            g.writeStringField("phase", n.phase().word());
            g.writeStringField("text", n.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (h.status() >= 0) {
            g.writeNumberField("status", h.status());
        }
        if (h.answer() != null) {
            g.writeStringField("answer", h.answer().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (h.error() != null) {
            g.writeStringField("error", h.error());
            g.writeStringField("detail", h.detail());
            g.writeStringField("fix", h.fix());
        }
        if (h.durationNanos() >= 0) {
            g.writeNumberField("durationMs", Math.round(h.durationNanos() / 1e5) / 10.0);
        }
        if (h.dropped() > 0) {
            g.writeNumberField("notesDropped", h.dropped());
        }
        g.writeEndObject();
    }
}
