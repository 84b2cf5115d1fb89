package dev.forecourt.cli;

import dev.forecourt.cli.trace.Hops;
import dev.forecourt.cli.trace.TracedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code trace --json}: the request, the answer, the hops in order and which made the answer. */
final class TraceOutput {
    private TraceOutput() {}

    static String json(TracedRequest request, TracedRequest.Answer answer, List<Map<String, Object>> hops,
                       List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("traceId", request.traceId());
        m.put("request", request.head().lines().filter(l -> !l.isEmpty()).toList());
        m.put("connectedTo", request.address().getHostString() + ":" + request.address().getPort());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", answer.status());
        a.put("headers", answer.headers().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        a.put("bodyBytes", answer.bodyBytes());
        a.put("millis", answer.millis());
        m.put("answer", a);
        m.put("hops", hops);
        int made = Hops.answering(hops);
        m.put("answeredBy", made < 0 ? null : hops.get(made).get("hop"));
        m.put("problems", problems);
        return dev.forecourt.cli.trace.JsonText.write(m);
    }
}
