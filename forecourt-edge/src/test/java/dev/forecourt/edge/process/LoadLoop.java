package dev.forecourt.edge.process;

import dev.forecourt.edge.runtime.Forecourt;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code clients} loops sending {@code path} through the ingress until closed, counting what came back. */
final class LoadLoop implements AutoCloseable {
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger socketErrors = new AtomicInteger();
    final Set<Long> pids = ConcurrentHashMap.newKeySet();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    LoadLoop(Forecourt f, int clients, String path) {
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = RunApp.get(f, path);
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 200) {
                            pids.add(RunApp.pid(r));
                        } else if (failures.size() < 10) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        socketErrors.incrementAndGet();
                        if (failures.size() < 10) {
                            failures.add(e.toString());
                        }
                    }
                }
            }));
        }
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    int notOk() {
        return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Stops the clients after their request in progress (each is bounded by its 10 s timeout). */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
