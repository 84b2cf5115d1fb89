package dev.forecourt.edge.trace;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.Exchange;

/**
 * A room's way to note what it did on a traced request: {@code Trace.of(x)} is null on every other request, so a
 * room that notes pays one look-up and builds no text unless asked:
 * <pre>
 *   HopTrace t = Trace.of(x);
 *   if (t != null) t.note(Phase.DECIDED, "behavior " + pattern);
 * </pre>
 */
public final class Trace {
    private Trace() {}

    /** The exchange's hop record, set by the hop's {@link TraceGate} on a request that asked for a trace. */
    public static final Attribute<HopTrace> HOP = Attribute.of("trace.hop");

    public static HopTrace of(Exchange x) {
        return x.attr(HOP);
    }

    /**
     * Notes {@code text} when {@code x} is traced: only for text that costs nothing to make (a constant, a field);
     * text made of parts is made inside {@code if (Trace.of(x) != null)}, or every request would pay for it.
     */
    public static void note(Exchange x, Phase phase, String text) {
        HopTrace t = x.attr(HOP);
        if (t != null) {
            t.note(phase, text);
        }
    }
}
