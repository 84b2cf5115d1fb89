package dev.forecourt.edge;

import java.util.List;

/** An immutable, ordered list of stages ending in a service, folded once into a single {@link Service}. */
public final class Corridor {
    private Corridor() {}

    /** The first stage sees the request first and the response last. */
    public static Service of(List<? extends Stage> stages, Service end) {
        if (end == null) {
            throw new IllegalArgumentException("a corridor needs a service at its end");
        }
        Service s = end;
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            if (stage == null) {
                throw new IllegalArgumentException("stage " + i + " of the corridor is null");
            }
            s = stage.before(s);
        }
        return s;
    }
}
