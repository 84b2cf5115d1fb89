package dev.forecourt.edge.process;

import static dev.forecourt.edge.process.RunApp.await;
import static dev.forecourt.edge.process.RunApp.instances;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances by concurrency: out as soon as requests in flight exceed maxConcurrency each, in after a cool-down. */
class AutoscalingTest {
    private static final Pattern SCALED_OUT = Pattern.compile("scaling out (\\d+) -> (\\d+) instances");

    @TempDir
    Path dir;

    @Test
    void loadBeyondMaxConcurrencyAddsInstancesAtOnceAndTheyGoAfterTheCooldown() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log();
             Forecourt f = Forecourt.start(app.config("min: 1\nmax: 3\nmaxConcurrency: 2\ncooldown: 1s\ndrainTimeout: 5s"), 2)) {
            long first = RunApp.readyPid(f, Duration.ofSeconds(10));
            long loadStarted = System.currentTimeMillis();
            List<Long> pids;
            try (LoadLoop load = new LoadLoop(f, 6, "/slow?ms=200")) {
                // 6 clients, 2 per instance: the third request in flight is more than 1 × maxConcurrency 2
                await("a scale-out decision", Duration.ofSeconds(5), () -> log.has("scaling out 1 -> "));
                long decided = log.times("scaling out 1 -> ").getFirst();
                assertThat(decided - loadStarted).as("ms from the load's start to the decision").isLessThan(1000);
                await("three ready instances", Duration.ofSeconds(15), () -> instances(f, "ready") == 3);
                await("each instance answered", Duration.ofSeconds(10), () -> load.pids.size() == 3);
                pids = List.copyOf(load.pids);
                assertThat(load.failures).isEmpty();
            }
            Matcher m = SCALED_OUT.matcher(String.join("\n", log.lines()));
            int most = 0;
            while (m.find()) {
                most = Math.max(most, Integer.parseInt(m.group(2)));
            }
            assertThat(most).as("never beyond max").isEqualTo(3);
            // the load stopped: after a cool-down of 1 s (one step, or two when the load's tail needed 2 instances)
            // the two extra instances are drained and stopped
            await("scaled in to min", Duration.ofSeconds(10), () -> log.has(" -> 1 instances: at most"));
            assertThat(log.lines()).anyMatch(l -> l.contains("scaling in 3 -> "));
            await("one ready instance, nothing draining", Duration.ofSeconds(15),
                    () -> instances(f, "ready") == 1 && instances(f, "draining") == 0);
            long left = pids.stream().filter(RunApp::alive).count();
            assertThat(left).as("the drained instances' processes are gone").isEqualTo(1);
            assertThat(RunApp.pid(RunApp.get(f, "/"))).isIn(pids);
            assertThat(first).isIn(pids);
        }
    }

    @Test
    void requestsBeyondCapacityWaitInABoundedQueueThen429Or503() throws Exception {
        RunApp app = new RunApp(dir);
        // one instance taking one request at a time: one may wait, the next is refused at once
        try (Forecourt f = Forecourt.start(app.config("max: 1\nmaxConcurrency: 1", "", "connectTimeout: 5s"), 2)) {
            RunApp.readyPid(f, Duration.ofSeconds(10));
            assertThat(statuses(f, "/slow?ms=1500")).containsExactlyInAnyOrder("200", "200", "429 throttled");
        }
        try (Forecourt f = Forecourt.start(app.config("max: 1\nmaxConcurrency: 1", "", "connectTimeout: 500ms"), 2)) {
            RunApp.readyPid(f, Duration.ofSeconds(10));
            // the one waiting gives up after connectTimeout: the instance was busy all along
            assertThat(statuses(f, "/slow?ms=1500")).containsExactlyInAnyOrder("200", "503 overloaded", "429 throttled");
        }
    }

    private static List<String> statuses(Forecourt f, String path) {
        List<CompletableFuture<String>> three = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpResponse<String> r = RunApp.get(f, path);
                        return r.statusCode() + r.headers().firstValue("forecourt-error").map(e -> " " + e).orElse("");
                    } catch (Exception e) {
                        return e.toString();
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())).toList();
        return three.stream().map(CompletableFuture::join).toList();
    }
}
