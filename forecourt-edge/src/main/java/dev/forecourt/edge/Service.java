package dev.forecourt.edge;

import java.util.concurrent.CompletionStage;

/**
 * Answers an exchange: an upstream, an embedded app, a whole route. One method, as a service in Armeria.
 * Implementations run on the exchange's event loop and never block; failures are {@code ForecourtException}s.
 */
@FunctionalInterface
public interface Service {
    CompletionStage<Response> serve(Exchange exchange);
}
