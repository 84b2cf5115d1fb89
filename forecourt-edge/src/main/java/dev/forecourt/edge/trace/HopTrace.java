package dev.forecourt.edge.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one hop did with one traced request (or, for a link, one traced connection): its notes in order, and how it
 * ended. Made only for a request that asked for a trace ({@link TraceGate}); written by the hop's rooms on whatever
 * thread serves them, read by the admin listener, hence synchronized. Bounded: a hop that notes more than
 * {@value #MAX_NOTES} times keeps the first ones and says how many it dropped.
 */
public final class HopTrace {
    static final int MAX_NOTES = 64;
    static final int MAX_NOTE_CHARS = 2000;

    /** Who made the answer a hop gave. */
    public enum Answer {
        /** The hop itself: one of our errors, a redirect, a preflight, ... */
        SELF,
        /** Its cache (a hit, without asking the upstream). */
        CACHE,
        /** The next hop, whose answer it passed on. */
        UPSTREAM
    }

    public record Note(Phase phase, String text) {}

    private final Traces traces;
    private final String hop;
    private final String kind;
    private final Instant start;
    private final long startNanos;
    private final List<Note> notes = new ArrayList<>();
    private int dropped;
    private String traceId;
    private int status = -1;
    private Answer answer;
    private String error;
    private String detail;
    private String fix;
    private long durationNanos = -1;
    private java.util.List<java.util.Map.Entry<String, String>> arrivedHeaders = List.of();

    /** {@code kind}: http, tcp (a link) or app (an embedded app's hop). */
    HopTrace(Traces traces, String hop, String kind, Instant start, long startNanos) {
        this.traces = traces;
        this.hop = hop;
        this.kind = kind;
        this.start = start;
        this.startNanos = startNanos;
    }

    public String hop() {
        return hop;
    }

    public String kind() {
        return kind;
    }

    public Instant start() {
        return start;
    }

    long startNanos() {
        return startNanos;
    }

    public synchronized String traceId() {
        return traceId;
    }

    synchronized void traceId(String id) {
        this.traceId = id;
    }

    /** This hop's request has trace id {@code id}: from now on it is kept with the trace's other hops. */
    public void identified(String id) {
        traces.identified(this, id);
    }

    /** Where this hop's records go (a traced request going out through a link is expected there). */
    public Traces traces() {
        return traces;
    }

    /** The request headers as they arrived, to tell what the hop changed before sending on. */
    synchronized void arrivedHeaders(java.util.List<java.util.Map.Entry<String, String>> headers) {
        this.arrivedHeaders = headers;
    }

    synchronized java.util.List<java.util.Map.Entry<String, String>> arrivedHeaders() {
        return arrivedHeaders;
    }

    public synchronized void note(Phase phase, String text) {
        if (notes.size() >= MAX_NOTES) {
            dropped++;
            return;
        }
        notes.add(new Note(phase, text.length() > MAX_NOTE_CHARS ? text.substring(0, MAX_NOTE_CHARS) + "..." : text));
    }

    /** One of our errors: its type, what happened and the fix (also what the error page says). */
    public synchronized void failed(String type, String detail, String fix) {
        this.error = type;
        this.detail = detail;
        this.fix = fix;
    }

    /** The hop's answer went out: its status, who made it, and how long the hop took. */
    public synchronized void answered(int status, Answer answer, long durationNanos) {
        this.status = status;
        this.answer = answer;
        this.durationNanos = durationNanos;
    }

    public synchronized List<Note> notes() {
        return List.copyOf(notes);
    }

    public synchronized int dropped() {
        return dropped;
    }

    /** The status the hop answered with, or -1 (not answered yet; a link has none). */
    public synchronized int status() {
        return status;
    }

    public synchronized Answer answer() {
        return answer;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String detail() {
        return detail;
    }

    public synchronized String fix() {
        return fix;
    }

    public synchronized long durationNanos() {
        return durationNanos;
    }
}
