package dev.forecourt.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An immutable, ordered list of stages ending in a service, folded once into a single {@link Service}. It keeps
 * its rooms' names, so that {@code check} and {@code trace} can say which rooms a request walks; a request meets
 * only the folded chain.
 */
public final class Corridor implements Service {
    private final Service first;
    private final List<String> rooms;

    private Corridor(Service first, List<String> rooms) {
        this.first = first;
        this.rooms = List.copyOf(rooms);
    }

    /** The first stage sees the request first and the response last. */
    public static Corridor of(List<? extends Stage> stages, Service end) {
        if (end == null) {
            throw new IllegalArgumentException("a corridor needs a service at its end");
        }
        Service s = end;
        List<String> rooms = new ArrayList<>();
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            if (stage == null) {
                throw new IllegalArgumentException("stage " + i + " of the corridor is null");
            }
            s = stage.before(s);
        }
        stages.forEach(st -> rooms.add(st.name()));
        rooms.add(end.name());
        return new Corridor(s, rooms);
    }

    @Override
    public CompletionStage<Response> serve(Exchange exchange) {
        return first.serve(exchange);
    }

    /** The rooms in the order a request meets them: each stage's name, then the service's at the end. */
    public List<String> rooms() {
        return rooms;
    }

    @Override
    public String name() {
        return "corridor" + rooms;
    }
}
