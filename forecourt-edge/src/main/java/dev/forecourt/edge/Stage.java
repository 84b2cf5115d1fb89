package dev.forecourt.edge;

import java.util.concurrent.CompletionStage;

/**
 * One room of the corridor, with one job: it edits the request head and passes it on with
 * {@code next.serve(exchange)}, or answers itself; it may edit the response head on its way back.
 * Stages see heads only; bodies stream past them.
 */
@FunctionalInterface
public interface Stage {
    CompletionStage<Response> serve(Exchange exchange, Service next);

    /** What {@code check} and {@code trace} call this room ({@code HopStamp}: hop-stamp). */
    default String name() {
        return RoomName.of(this, "stage");
    }

    /** This stage in front of {@code next}: a decorator is a function. */
    default Service before(Service next) {
        return exchange -> serve(exchange, next);
    }
}
