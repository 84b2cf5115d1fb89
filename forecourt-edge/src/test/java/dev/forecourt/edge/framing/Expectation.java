package dev.forecourt.edge.framing;

import java.util.List;

/** What a correct strict server does with a wire: forward these requests in order, then end this way (and why). */
record Expectation(List<Framed> requests, Ending ending, String reason) {
    enum Ending {
        /** Every byte was framed and the last request keeps the connection: it stays open. */
        OPEN,
        /** The last request ends the connection (Connection: close, HTTP/1.0, faulty framing): nothing after it. */
        CLOSE,
        /** The next message is malformed: 400 and close, nothing of it or after it forwarded. */
        INVALID,
        /** The bytes end inside a message: the server waits for more, or refuses it; it never forwards it whole. */
        INCOMPLETE
    }

    /** A short class of the expectation, for jqwik's statistics: how the generated wires spread. */
    String summary() {
        boolean lenient = requests.stream().anyMatch(Framed::refusable);
        return ending + " after " + Math.min(requests.size(), 3) + (requests.size() > 3 ? "+" : "") + (lenient ? " (lenient)" : "");
    }

    @Override
    public String toString() {
        return requests + " then " + ending + " (" + reason + ")";
    }
}
