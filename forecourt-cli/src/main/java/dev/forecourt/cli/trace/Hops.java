package dev.forecourt.cli.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A trace's hops, gathered from every admin listener given (each process keeps the hops it played) and put in the
 * order they began. Each hop is the admin's JSON object ({@code dev.forecourt.edge.trace.TraceJson}).
 */
public final class Hops {
    private Hops() {}

    static final int MAX_ANSWER = 4 * 1024 * 1024;

    /** What one admin said: its hops, or why it could not say (null when it holds no such trace: a 404). */
    public record FromAdmin(InetSocketAddress admin, List<Map<String, Object>> hops, String problem) {}

    public static List<FromAdmin> fetch(List<InetSocketAddress> admins, String traceId, String token, int timeoutMillis) {
        List<FromAdmin> out = new ArrayList<>();
        for (InetSocketAddress a : admins) {
            out.add(fetch(a, traceId, token, timeoutMillis));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static FromAdmin fetch(InetSocketAddress admin, String traceId, String token, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(admin, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(("GET /traces/" + traceId + " HTTP/1.1\r\nHost: " + admin.getHostString() + ":" + admin.getPort()
                    + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readNBytes(MAX_ANSWER);
            String text = new String(all, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
                return new FromAdmin(admin, List.of(), "its answer is not HTTP");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String body = text.substring(end + 4);
            if (status == 404) {
                return new FromAdmin(admin, List.of(), null);
            }
            if (status != 200) {
                return new FromAdmin(admin, List.of(), "it answered " + status + ": " + body.lines().findFirst().orElse(""));
            }
            Object json = JsonText.parse(body);
            if (!(json instanceof Map<?, ?> m) || !(m.get("hops") instanceof List<?> hops)) {
                return new FromAdmin(admin, List.of(), "its answer has no hops");
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (Object h : hops) {
                if (h instanceof Map<?, ?> hop) {
                    list.add((Map<String, Object>) hop);
                }
            }
            return new FromAdmin(admin, list, null);
        } catch (IOException | RuntimeException e) {
            return new FromAdmin(admin, List.of(), "it can't be read (" + e.getMessage() + ")");
        }
    }

    /** Every admin's hops in the order they began (ISO-8601 instants sort as text only at one precision: parsed). */
    public static List<Map<String, Object>> merged(List<FromAdmin> from) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (FromAdmin f : from) {
            all.addAll(f.hops());
        }
        all.sort(Comparator.comparing(h -> java.time.Instant.parse(String.valueOf(h.get("start")))));
        return all;
    }

    /**
     * The index of the hop that made the answer: the first (outermost) HTTP hop that did not pass on its upstream's
     * answer; -1 when every traced hop passed one on (the answer came from beyond the last traced hop).
     */
    public static int answering(List<Map<String, Object>> hops) {
        for (int i = 0; i < hops.size(); i++) {
            Map<String, Object> h = hops.get(i);
            if (!"tcp".equals(h.get("kind")) && h.get("answer") != null && !"upstream".equals(h.get("answer"))) {
                return i;
            }
        }
        return -1;
    }
}
