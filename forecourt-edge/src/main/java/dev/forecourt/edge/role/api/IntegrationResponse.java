package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A route's response parameter mappings: the rules for the integration's status ({@code "404"}), else for its class
 * ({@code "4XX"}), edit the answer's headers and may set its status ({@code overwrite:statuscode}). Values that
 * read the request read it as it arrived here, before the request mappings.
 */
final class IntegrationResponse implements Stage {
    private final Map<Integer, List<MappingRule>> byStatus = new HashMap<>();
    private final boolean readsRequestHeaders;

    IntegrationResponse(Map<String, List<MappingRule>> rules) {
        boolean reads = false;
        for (Map.Entry<String, List<MappingRule>> e : rules.entrySet()) {
            String k = e.getKey();
            byStatus.put(k.endsWith("XX") ? (k.charAt(0) - '0') : Integer.parseInt(k), List.copyOf(e.getValue()));
            for (MappingRule r : e.getValue()) {
                reads |= r.value().reads(MappingValue.Source.REQUEST_HEADER);
            }
        }
        this.readsRequestHeaders = reads;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders asked = readsRequestHeaders ? new DefaultHttpHeaders(false).set(x.request().headers())
                : x.request().headers();
        return next.serve(x).thenApply(r -> {
            int status = r.head().status().code();
            List<MappingRule> rules = byStatus.get(status);
            if (rules == null) rules = byStatus.get(status / 100);
            if (rules == null) return r;
            HttpHeaders h = r.head().headers();
            var lookup = x.attr(ApiCall.KEY).lookup(x, asked, h);
            String[] values = new String[rules.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rules.get(i).action() == MappingRule.Action.REMOVE ? null
                        : IntegrationRequest.headerValue(rules.get(i).value().evaluate(lookup));
            }
            for (int i = 0; i < values.length; i++) {
                MappingRule rule = rules.get(i);
                switch (rule.target()) {
                    case HEADER -> {
                        switch (rule.action()) {
                            case APPEND -> h.add(rule.name(), values[i]);
                            case OVERWRITE -> h.set(rule.name(), values[i]);
                            case REMOVE -> h.remove(rule.name());
                        }
                    }
                    case STATUSCODE -> {
                        int code = statusCode(values[i]);
                        if (code > 0) r.head().setStatus(HttpResponseStatus.valueOf(code));
                    }
                    default -> { }
                }
            }
            return r;
        });
    }

    /**
     * A status 200..599 from a mapped value, or 0 (the answer keeps its own): a 1xx is no final answer (the client
     * would wait for one), as the reader says of a written one.
     */
    private static int statusCode(String v) {
        try {
            int c = Integer.parseInt(v.trim());
            return c >= 200 && c <= 599 ? c : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
