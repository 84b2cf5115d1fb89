package dev.forecourt.edge.process;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Requests waiting for an instance to take them, first come first served, at most {@code bound} of them. Guarded
 * by the fleet's lock; {@link #size} may be read without it.
 */
final class Backlog {
    /** A request waiting: its exchange, the answer it is owed, and the timer that ends its wait. */
    record Waiting(Exchange exchange, CompletableFuture<Response> answer, long sinceNanos) {}

    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private volatile int size;

    int size() {
        return size;
    }

    boolean add(Waiting w, int bound) {
        if (queue.size() >= bound) {
            return false;
        }
        queue.add(w);
        size = queue.size();
        return true;
    }

    Waiting poll() {
        Waiting w = queue.poll();
        size = queue.size();
        return w;
    }

    /** Takes {@code w} out if it is still waiting (its time ran out, its client left); false if it was taken. */
    boolean remove(Waiting w) {
        boolean removed = queue.remove(w);
        size = queue.size();
        return removed;
    }

    /** Everything still waiting, taken out (the fleet is closing). */
    java.util.List<Waiting> clear() {
        java.util.List<Waiting> all = java.util.List.copyOf(queue);
        queue.clear();
        size = 0;
        return all;
    }

}
