package dev.forecourt.edge.framing;

import dev.forecourt.edge.framing.Expectation.Ending;
import dev.forecourt.edge.framing.RecordingOrigin.Seen;
import java.util.List;
import java.util.Set;

/**
 * The property: what reached the origin is exactly the framed requests, or a prefix of them cut by a refusal (400,
 * and the connection closed) where the reference allows one. Never a request the reference did not frame, never a
 * different body, never one more request.
 */
final class Judge {
    /**
     * What a refusal may answer: 400 always; 413 for a Content-Length too large, 501 for an unknown transfer coding,
     * 505 for an unsupported version (RFC 9110 15.5.14, 15.6.2, 15.6.6). A 408 is a refusal only where the bytes end
     * mid-message.
     */
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 501, 505);

    private Judge() {}

    /** Null when the server behaved as the reference allows; otherwise what went wrong. */
    static String problem(Expectation expected, Observation seen) {
        if (!seen.originProblems().isEmpty()) {
            return "the origin could not read what was forwarded: " + seen.originProblems();
        }
        if (!seen.dangling().isEmpty()) {
            return "a request forwarded in part was neither completed nor aborted upstream: " + seen.dangling()
                    + " (a later request on that connection would be read as its body)";
        }
        if (seen.closeAnnounced() >= 0 && seen.statuses().size() > seen.closeAnnounced() + 1) {
            return "response " + (seen.closeAnnounced() + 1) + " said Connection: close, yet more requests were answered after it";
        }
        List<Framed> framed = expected.requests();
        List<Seen> reached = seen.reached();
        for (int i = 0; i < reached.size(); i++) {
            if (i >= framed.size()) {
                return "request " + (i + 1) + " reached the origin but the reference frames only " + framed.size()
                        + ": " + reached.get(i) + " (smuggled)";
            }
            Framed f = framed.get(i);
            Seen r = reached.get(i);
            if (!f.method().equals(r.method()) || !f.target().equals(r.target()) || !f.body().equals(r.body())) {
                return "request " + (i + 1) + " reached the origin as " + r + " but was framed as " + f;
            }
        }
        int k = reached.size();
        List<Integer> statuses = seen.statuses();
        for (int i = 0; i < Math.min(k, statuses.size()); i++) {
            if (statuses.get(i) != 200) {
                return "response " + (i + 1) + " to a forwarded request is " + statuses.get(i) + ", not the origin's 200";
            }
        }
        if (k < framed.size()) {
            if (!refusedAt(k, statuses, seen.closed())) {
                return "request " + (k + 1) + " was framed but neither forwarded nor refused with 400 and a close";
            }
            if (!framed.get(k).refusable()) {
                return "request " + (k + 1) + " is valid as framed (no leniency involved) but was refused";
            }
            return null;
        }
        return switch (expected.ending()) {
            case CLOSE -> statuses.size() == k && seen.closed() ? null
                    : "after the last framed request the connection must close with nothing more";
            case INVALID -> refusedAt(k, statuses, seen.closed()) ? null
                    : "after " + k + " framed requests the rest is invalid: expected 400 and a close";
            case INCOMPLETE -> statuses.size() == k || refusedAt(k, statuses, seen.closed()) || statuses.size() == k + 1
                    && statuses.get(k) == 408 && seen.closed() ? null
                    : "the bytes end mid-message: expected a wait or a refusal, nothing else";
            case OPEN -> statuses.size() == k ? null : "every byte was framed: expected no further response";
        };
    }

    /** Exactly k answered requests, then one refusal, then the close. */
    private static boolean refusedAt(int k, List<Integer> statuses, boolean closed) {
        return statuses.size() == k + 1 && REFUSALS.contains(statuses.get(k)) && closed;
    }
}
