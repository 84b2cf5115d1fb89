package dev.forecourt.edge.upstream;

import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Phase;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The end of a corridor that forwards to a service's instances: picks one, sends the request over a pooled
 * connection and answers with the upstream's response, its body streaming. A failed connect ejects the
 * instance for a while and is tried once on another instance (nothing was sent, so nothing can repeat).
 */
public final class UpstreamService implements Service {
    private static final long EJECT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final String service;
    private final Balancer balancer;

    public UpstreamService(String service, Balancer balancer) {
        this.service = service;
        this.balancer = balancer;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        Instance first = balancer.pick(null);
        if (first == null) {
            return CompletableFuture.failedFuture(noHealthy());
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        HopTrace t = Trace.of(x);
        if (t != null) {
            long available = balancer.instances().stream().filter(Instance::available).count();
            t.note(Phase.DECIDED, "instance " + first.name() + " of service '" + service + "' (" + available + " of "
                    + balancer.instances().size() + " available)");
        }
        send(x, first, true, answer);
        return answer;
    }

    private void send(Exchange x, Instance instance, boolean mayRetry, CompletableFuture<Response> answer) {
        new UpstreamLeg(x, answer) {
            @Override
            public void onFailure(ForecourtException failure) {
                if (failure.type() == ErrorType.UPSTREAM_CONNECT_FAILURE) {
                    instance.eject(EJECT_NANOS, failure.getMessage());
                    Instance other = mayRetry ? balancer.pick(instance) : null;
                    if (other != null) {
                        HopTrace noted = Trace.of(x);
                        if (noted != null) { // the text is made only for a traced request
                            noted.note(Phase.DECIDED, "instance " + instance.name() + " refused the connection: "
                                    + "retried on " + other.name());
                        }
                        send(x, other, false, answer);
                        return;
                    }
                }
                answer.completeExceptionally(failure);
            }
        }.sendTo(instance.endpoint());
    }

    private ForecourtException noHealthy() {
        StringJoiner states = new StringJoiner("; ");
        for (Instance i : balancer.instances()) {
            states.add(i.name() + ": " + (i.problem() == null ? "available" : i.problem()));
        }
        return new ForecourtException(ErrorType.NO_HEALTHY_UPSTREAM,
                "service '" + service + "' has no healthy instance (" + states + ")");
    }
}
