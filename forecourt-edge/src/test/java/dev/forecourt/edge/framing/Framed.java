package dev.forecourt.edge.framing;

import java.util.List;

/**
 * A request as framed: what must reach the origin (method, origin-form target, body as ISO-8859-1 text). The
 * leniencies are the RFC's either-or points this request relied on; when there are any, a strict server may refuse
 * it (400 and close) instead of forwarding it.
 */
record Framed(String method, String target, String body, List<String> leniencies) {
    boolean refusable() {
        return !leniencies.isEmpty();
    }

    @Override
    public String toString() {
        return method + " " + Escape.literal(target) + " body " + Escape.literal(body) + (refusable() ? " (may be refused: " + leniencies + ")" : "");
    }
}
