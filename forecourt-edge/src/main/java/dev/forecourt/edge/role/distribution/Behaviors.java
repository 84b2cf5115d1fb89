package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.route.PathPattern;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Picks a distribution's cache behavior: the first whose path pattern matches, in listed order, else the default. */
final class Behaviors implements Service {
    /** A behavior's pattern (null for the default), its corridor, and how a trace names it and its policies. */
    record Behavior(PathPattern pattern, Service corridor, String described) {}

    private final List<Behavior> ordered;
    private final Service fallback;
    private final String fallbackDescribed;

    Behaviors(List<Behavior> ordered, Service fallback, String fallbackDescribed) {
        this.fallbackDescribed = fallbackDescribed;
        this.ordered = List.copyOf(ordered);
        this.fallback = fallback;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        String uri = x.request().uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        for (Behavior b : ordered) {
            if (b.pattern().matches(path)) {
                x.route(b.pattern().text());
                Trace.note(x, Phase.DECIDED, b.described());
                return b.corridor().serve(x);
            }
        }
        x.route("default");
        Trace.note(x, Phase.DECIDED, fallbackDescribed);
        return fallback.serve(x);
    }
}
