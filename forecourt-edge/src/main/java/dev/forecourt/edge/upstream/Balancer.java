package dev.forecourt.edge.upstream;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Chooses an available instance: round robin, or least request (the better of two random picks, as Envoy). */
public abstract sealed class Balancer permits Balancer.RoundRobin, Balancer.LeastRequest {
    protected final List<Instance> instances;

    Balancer(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    public static Balancer of(String policy, List<Instance> instances) {
        return switch (policy) {
            case "round_robin" -> new RoundRobin(instances);
            case "least_request" -> new LeastRequest(instances);
            default -> throw new IllegalArgumentException("loadBalancing must be round_robin or least_request, got " + policy);
        };
    }

    public List<Instance> instances() {
        return instances;
    }

    /** An available instance other than {@code not} (may be null), or null if there is none. */
    public abstract Instance pick(Instance not);

    static final class RoundRobin extends Balancer {
        private final AtomicInteger next = new AtomicInteger();

        RoundRobin(List<Instance> instances) {
            super(instances);
        }

        @Override
        public Instance pick(Instance not) {
            int n = instances.size();
            int start = next.getAndIncrement();
            for (int i = 0; i < n; i++) {
                Instance c = instances.get(Math.floorMod(start + i, n));
                if (c != not && c.available()) {
                    return c;
                }
            }
            return null;
        }
    }

    static final class LeastRequest extends Balancer {
        LeastRequest(List<Instance> instances) {
            super(instances);
        }

        @Override
        public Instance pick(Instance not) {
            int n = instances.size();
            if (n == 1) {
                Instance only = instances.get(0);
                return only != not && only.available() ? only : null;
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            Instance a = instances.get(r.nextInt(n));
            Instance b = instances.get(r.nextInt(n));
            boolean aOk = a != not && a.available();
            boolean bOk = b != not && b.available();
            if (aOk && bOk) {
                return a.endpoint().inFlight() <= b.endpoint().inFlight() ? a : b;
            }
            if (aOk) return a;
            if (bOk) return b;
            Instance best = null;
            for (Instance c : instances) {
                if (c != not && c.available() && (best == null || c.endpoint().inFlight() < best.endpoint().inFlight())) {
                    best = c;
                }
            }
            return best;
        }
    }
}
