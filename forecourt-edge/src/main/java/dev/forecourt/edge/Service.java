package dev.forecourt.edge;

import java.util.concurrent.CompletionStage;

/**
 * Answers an exchange: an upstream, an embedded app, a whole route. One method, as a service in Armeria.
 * Implementations run on the exchange's event loop and never block; failures are {@code ForecourtException}s.
 */
@FunctionalInterface
public interface Service {
    CompletionStage<Response> serve(Exchange exchange);

    /** What {@code check} and {@code trace} call this service when they list a corridor's rooms. */
    default String name() {
        return RoomName.of(this, "service");
    }
}
