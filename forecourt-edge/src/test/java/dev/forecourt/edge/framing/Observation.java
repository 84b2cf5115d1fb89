package dev.forecourt.edge.framing;

import dev.forecourt.edge.framing.RecordingOrigin.Seen;
import java.util.List;

/**
 * What one try showed: the statuses the client received in order, whether the server closed the connection, and
 * which response first said {@code Connection: close} (-1 for none), and what reached the origin (complete requests, problems reading them, and requests forwarded in part and left so).
 */
record Observation(List<Integer> statuses, boolean closed, List<Seen> reached, List<String> originProblems,
                   List<String> dangling, int closeAnnounced) {
    @Override
    public String toString() {
        return "client got " + statuses + (closed ? " then the connection closed" : " and the connection stayed open")
                + "; origin got " + reached + (originProblems.isEmpty() ? "" : " with problems " + originProblems)
                + (dangling.isEmpty() ? "" : " and was left mid-request on " + dangling.stream().map(Escape::literal).toList());
    }
}
