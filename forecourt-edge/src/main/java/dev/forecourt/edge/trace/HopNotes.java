package dev.forecourt.edge.trace;

import dev.forecourt.edge.Exchange;
import dev.forecourt.http.HostPort;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The notes every HTTP hop writes on a traced request, whatever its role: what arrived ({@link #arrived}), what it
 * sent on and over which connection ({@link #sent}), what came back ({@link #returned}). The rooms add what they
 * decided. Secrets in headers are never written: their values are replaced by their length.
 */
public final class HopNotes {
    private HopNotes() {}

    /** Headers whose values are credentials: a trace says they were there, not what they said. */
    private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "x-amz-security-token");

    public static void arrived(HopTrace t, Exchange x) {
        HttpRequest r = x.request();
        var c = x.connection();
        t.arrivedHeaders(snapshot(r.headers()));
        t.note(Phase.ARRIVED, r.method() + " " + x.arrivedUri() + ", Host " + (x.arrivedHost() == null ? "(none)"
                : x.arrivedHost()) + ", " + c.protocol() + " on " + HostPort.text(c.local()) + " from " + HostPort.text(c.remote())
                + (c.secure() ? "; TLS ends here (SNI " + (c.sni() == null ? "none" : c.sni()) + ")" : "; plain HTTP"));
    }

    /**
     * The request goes out to {@code upstream} (its name) at {@code remote} over a connection from {@code local}
     * ({@code reused}: a pooled one); {@code sni}: the TLS name sent, "" for TLS without one, null for plain HTTP.
     * A link relaying from {@code local} will note itself in the same trace.
     */
    public static void sent(HopTrace t, Exchange x, String upstream, String sni, InetSocketAddress local,
                            InetSocketAddress remote, boolean reused) {
        HttpRequest r = x.request();
        StringBuilder b = new StringBuilder(160).append(r.method()).append(' ').append(r.uri()).append(" to ")
                .append(upstream).append(upstream.equals(HostPort.text(remote)) ? "" : " (" + HostPort.text(remote) + ")").append(", Host ")
                .append(r.headers().get("host")).append(", ")
                .append(sni == null ? "plain HTTP" : sni.isEmpty() ? "TLS without SNI" : "TLS with SNI " + sni)
                .append(", over ").append(reused ? "a pooled connection from " : "a new connection from ").append(HostPort.text(local));
        t.note(Phase.SENT, b.toString());
        String changes = changes(t.arrivedHeaders(), snapshot(r.headers()));
        if (!changes.isEmpty()) {
            t.note(Phase.SENT, "headers " + changes);
        }
        if (local != null) {
            t.traces().expect(local, t);
        }
    }

    /** The hop's answer went out: {@code status}, and who made it. */
    public static void returned(HopTrace t, Exchange x, int status) {
        HopTrace.Answer answer;
        String cache = x.cacheResult();
        if (x.error() != null) {
            answer = HopTrace.Answer.SELF;
        } else if (x.upstreamNanos() >= 0) {
            answer = HopTrace.Answer.UPSTREAM;
        } else if ("Hit".equals(cache) || "RefreshHit".equals(cache)) {
            answer = HopTrace.Answer.CACHE;
        } else {
            answer = HopTrace.Answer.SELF;
        }
        long total = System.nanoTime() - x.startNanos();
        StringBuilder b = new StringBuilder(96).append(status);
        switch (answer) {
            case UPSTREAM -> b.append(" from ").append(x.upstream()).append(" in ").append(millis(x.upstreamNanos()))
                    .append(" ms");
            case CACHE -> b.append(" from the cache (").append(cache).append(')');
            case SELF -> b.append(x.error() != null ? " made here: " + x.error().code() : " made here");
        }
        b.append("; ").append(millis(total)).append(" ms at this hop");
        t.note(Phase.RETURNED, b.toString());
        t.answered(status, answer, total);
    }

    /** Header names and values, secrets hidden, in order (a repeated name keeps each value). */
    static List<Map.Entry<String, String>> snapshot(HttpHeaders h) {
        List<Map.Entry<String, String>> out = new ArrayList<>(h.size());
        for (Map.Entry<String, String> e : h) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            out.add(Map.entry(name, SECRET.contains(name) ? "(" + e.getValue().length() + " characters, not shown)" : e.getValue()));
        }
        return out;
    }

    /**
     * "+name: value" added, "name += value" appended to (Via, X-Forwarded-For), "name: old -> new" changed, "-name"
     * removed; "" when nothing changed. traceparent is left out: every hop gives it a new parent id.
     */
    static String changes(List<Map.Entry<String, String>> before, List<Map.Entry<String, String>> after) {
        Map<String, String> was = joined(before);
        Map<String, String> now = joined(after);
        was.remove("traceparent");
        now.remove("traceparent");
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String old = was.get(e.getKey());
            String v = e.getValue();
            if (old == null) {
                out.add("+" + e.getKey() + ": " + v);
            } else if (v.startsWith(old + ",")) {
                out.add(e.getKey() + " += " + v.substring(old.length() + 1).strip());
            } else if (!old.equals(v)) {
                out.add(e.getKey() + ": " + old + " -> " + v);
            }
        }
        for (String name : was.keySet()) {
            if (!now.containsKey(name)) {
                out.add("-" + name);
            }
        }
        return String.join("; ", out);
    }

    private static Map<String, String> joined(List<Map.Entry<String, String>> headers) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers) {
            m.merge(e.getKey(), e.getValue(), (a, b) -> a + ", " + b);
        }
        return m;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

}
