package dev.forecourt.edge.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The ring keeps the newest traces, each with a bounded number of hops, each with a bounded number of notes. */
class TracesTest {

    @Test
    void theRingKeepsTheNewestTracesOnly() {
        Traces traces = new Traces(3, InstantSource.system());
        for (int i = 0; i < 10; i++) {
            traces.open("ingress/public", "http").identified("trace-" + i);
        }
        assertThat(traces.ids()).containsExactly("trace-7", "trace-8", "trace-9");
        assertThat(traces.get("trace-0")).isEmpty();
        assertThat(traces.get("trace-9")).hasSize(1);
    }

    @Test
    void aTraceHoldsABoundedNumberOfHopsInTheOrderTheyBegan() {
        Traces traces = new Traces(4, InstantSource.system());
        HopTrace outer = traces.open("distribution/images", "http");
        HopTrace inner = traces.open("ingress/private", "http");
        inner.identified("t"); // inner hops finish first: still listed after the hop that sent to them
        outer.identified("t");
        assertThat(traces.get("t")).extracting(HopTrace::hop).containsExactly("distribution/images", "ingress/private");
        for (int i = 0; i < 3 * Traces.MAX_HOPS; i++) {
            traces.open("api/public", "http").identified("loop");
        }
        assertThat(traces.get("loop")).hasSize(Traces.MAX_HOPS);
    }

    @Test
    void aHopKeepsItsFirstNotesAndCountsTheRest() {
        HopTrace t = new Traces().open("api/public", "http");
        for (int i = 0; i < HopTrace.MAX_NOTES + 5; i++) {
            t.note(Phase.DECIDED, "note " + i + " " + "x".repeat(i == 0 ? 10 * HopTrace.MAX_NOTE_CHARS : 1));
        }
        assertThat(t.notes()).hasSize(HopTrace.MAX_NOTES);
        assertThat(t.dropped()).isEqualTo(5);
        assertThat(t.notes().get(0).text()).hasSize(HopTrace.MAX_NOTE_CHARS + 3).endsWith("...");
        assertThat(TraceJson.of("x", java.util.List.of(t))).contains("\"notesDropped\":5");
    }

    @Test
    void headerChangesSayWhatWasAddedAppendedChangedAndRemovedAndHideSecrets() {
        var before = HopNotes.snapshot(new io.netty.handler.codec.http.DefaultHttpHeaders()
                .add("Host", "api.example.org").add("Via", "1.1 a").add("Authorization", "Bearer secret-token")
                .add("Connection", "keep-alive").add("traceparent", "00-1-2-01"));
        var after = HopNotes.snapshot(new io.netty.handler.codec.http.DefaultHttpHeaders()
                .add("Host", "iiif.internal").add("Via", "1.1 a, 1.1 b").add("Authorization", "Bearer secret-token")
                .add("X-Forwarded-For", "127.0.0.1").add("traceparent", "00-1-3-01"));
        assertThat(HopNotes.changes(before, after)).isEqualTo(
                "host: api.example.org -> iiif.internal; via += 1.1 b; +x-forwarded-for: 127.0.0.1; -connection");
        assertThat(after.toString()).doesNotContain("secret-token").contains("(19 characters, not shown)");
    }
}
