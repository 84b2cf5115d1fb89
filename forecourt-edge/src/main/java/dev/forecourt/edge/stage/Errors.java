package dev.forecourt.edge.stage;

import dev.forecourt.edge.ErrorPage;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Turns failures from the rooms behind it into the taxonomy's answers. A role may answer some types with its own
 * status (the ingress, like Envoy, answers upstream connection failures with 503).
 */
public final class Errors implements Stage {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Errors.class);
    private final Map<ErrorType, HttpResponseStatus> statusByType;

    public Errors(Map<ErrorType, HttpResponseStatus> statusByType) {
        this.statusByType = Map.copyOf(statusByType);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        CompletionStage<Response> r;
        try {
            r = next.serve(x);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(render(x, e, statusByType));
        }
        return r.exceptionally(failure -> render(x, failure, statusByType));
    }

    /**
     * A corridor's failure in the taxonomy (anything not a ForecourtException is an internal_error), noted on the
     * exchange, and, when the fault is the upstream's or ours, one log line saying what happened (as nginx's error_log:
     * the access log names the type). Every role's error room starts here, whatever vocabulary it then answers in.
     */
    public static ForecourtException noted(Exchange x, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        ForecourtException fe = cause instanceof ForecourtException f ? f
                : new ForecourtException(ErrorType.INTERNAL_ERROR, String.valueOf(cause), cause);
        ErrorType type = fe.type();
        x.error(type);
        HopTrace t = Trace.of(x);
        if (t != null) {
            t.failed(type.code(), fe.getMessage(), fe.fix() != null ? fe.fix() : ErrorPage.usualFix(type));
        }
        if (type.code().startsWith("upstream_") || type == ErrorType.INTERNAL_ERROR) {
            LOG.warn("{} {} {} {}: {}", x.hop().id(), x.request().method(), x.request().uri(), type.code(), fe.getMessage());
        }
        return fe;
    }

    /** The taxonomy's answer for a failure; anything not a ForecourtException is an internal_error. */
    public static Response render(Exchange x, Throwable failure, Map<ErrorType, HttpResponseStatus> statusByType) {
        ForecourtException fe = noted(x, failure);
        ErrorType type = fe.type();
        HttpResponseStatus status = statusByType.getOrDefault(type, type.status());
        String detail = x.hop().showsDetailTo(x.connection()) ? fe.getMessage() : null; // the log above has it
        return Response.of(ErrorPage.render(type, status, x.hop().id(), detail, fe.fix(), x.requestId()));
    }
}
