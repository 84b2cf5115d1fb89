package dev.forecourt.edge.process;

import static dev.forecourt.edge.process.RunApp.alive;
import static dev.forecourt.edge.process.RunApp.await;
import static dev.forecourt.edge.process.RunApp.instances;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.Retired;
import dev.forecourt.edge.runtime.Forecourt;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run: instances are child processes Forecourt starts, health-gates, restarts, keeps across reloads and stops. */
class RunInstancesTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void anInstanceTakesTrafficOnlyOnceItsHealthCheckPassesAndItsOutputIsLogged() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log();
             Forecourt f = Forecourt.start(app.config("env: {START_DELAY: '3', VERSION: slow}", "",
                     "connectTimeout: 500ms"), 1)) {
            // the process is up but not listening yet: a request waits for it (connectTimeout), then hears why
            HttpResponse<String> early = RunApp.get(f, "/");
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(early.headers().firstValue("forecourt-error")).hasValue("no_healthy_upstream");
            assertThat(early.body()).contains("web-r1-1: starting (not yet passed its health check: HTTP health check"
                    + " GET /health: connecting to web-r1-1@127.0.0.1:");
            assertThat(instances(f, "starting")).isEqualTo(1);
            assertThat(instances(f, "ready")).isZero();

            long pid = RunApp.readyPid(f, SOON);
            HttpResponse<String> r = RunApp.get(f, "/");
            assertThat(r.body()).contains("\"version\":\"slow\"");
            assertThat(instances(f, "ready")).isEqualTo(1);
            // a child of this JVM (setpriv executed the app in its place), told its port in PORT
            assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .hasValue(ProcessHandle.current().pid());
            int port = Integer.parseInt(r.body().replaceAll(".*\"port\":(\\d+).*\\s*", "$1"));
            await("its stdout and stderr in the log, prefixed with the instance", SOON, () ->
                    log.has("web-r1-1: app version slow listening on " + port)
                            && log.has("web-r1-1 (stderr): a line on stderr"));
            assertThat(log.lines()).anyMatch(l -> l.contains("service web instance web-r1-1 started: pid " + pid));
        }
    }

    @Test
    void aTraceNamesTheInstanceARequestReached() throws Exception {
        RunApp app = new RunApp(dir);
        try (Forecourt f = Forecourt.start(app.config(""), 1)) {
            long pid = RunApp.readyPid(f, SOON);
            String id = "4bf92f3577b34da6a3ce929d0e0e4736";
            HttpRequest traced = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + f.address("ingress").getPort() + "/"))
                    .header("Host", "web.internal").header("traceparent", "00-" + id + "-00f067aa0ba902b7-01")
                    .header("forecourt-trace", "on").timeout(Duration.ofSeconds(10)).build();
            assertThat(RunApp.CLIENT.send(traced, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(RunApp.admin(f, "GET", "/traces/" + id).body())
                    .contains("instance web-r1-1 of service 'web' (pid " + pid + ", ");
        }
    }

    @Test
    void aCrashedInstanceIsRestartedLoggedAndCounted() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log(); Forecourt f = Forecourt.start(app.config(""), 1)) {
            long first = RunApp.readyPid(f, SOON);
            try {
                RunApp.get(f, "/crash");
            } catch (java.io.IOException expected) {
                // the instance died mid-request: the answer is a 503 or a closed connection
            }
            await("the crashed process is gone", SOON, () -> !alive(first));
            long second = RunApp.readyPid(f, SOON);
            assertThat(second).isNotEqualTo(first);
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("web-r1-1 exited in service (exit 3)"));
            assertThat(f.metrics().scrape()).contains("forecourt_instance_restarts_total{service=\"web\"} 1.0");
            assertThat(instances(f, "ready")).isEqualTo(1);
        }
    }

    @Test
    void aReloadThatLeavesRunAloneKeepsTheProcessAndExitStopsIt() throws Exception {
        RunApp app = new RunApp(dir);
        long pid;
        try (Forecourt f = Forecourt.start(app.config(""), 1)) {
            pid = RunApp.readyPid(f, SOON);
            f.reload(app.config("", "server: envoy")); // something else changes
            assertThat(RunApp.get(f, "/").headers().firstValue("server")).hasValue("envoy");
            Retired.await(); // the old configuration retires: the fleet it shared keeps running
            assertThat(RunApp.pid(RunApp.get(f, "/"))).isEqualTo(pid);
            assertThat(alive(pid)).isTrue();
        }
        assertThat(alive(pid)).as("Forecourt's close stops its children before it returns").isFalse();
    }

    @Test
    void aReplacedInstanceFinishesItsRequestsThenGetsSigtermThenSigkillAfterDrainTimeout() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log();
             Forecourt f = Forecourt.start(app.config("drainTimeout: 1s\nenv: {IGNORE_TERM: '1'}"), 2)) {
            long old = RunApp.readyPid(f, SOON);
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return RunApp.get(f, "/slow?ms=1500");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            await("the slow request is in flight", SOON, () -> instances(f, "ready") == 1 && inFlight(f) == 1);
            assertThat(RunApp.admin(f, "POST", "/services/web/deployments").statusCode()).isEqualTo(202);
            await("revision 2 serves", SOON, () -> log.has("revision 2 is ready"));
            HttpResponse<String> r = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).as("the request in flight on the drained instance finished").isEqualTo(200);
            assertThat(RunApp.pid(r)).isEqualTo(old);
            await("the old instance, deaf to SIGTERM, is killed", SOON, () -> !alive(old));
            assertThat(log.lines()).anyMatch(l -> l.contains("instance web-r1-1 did not exit within 1s of SIGTERM: SIGKILL"));
        }
    }

    /** Requests the app is answering now, as /metrics says. */
    private static int inFlight(Forecourt f) {
        var m = java.util.regex.Pattern.compile("forecourt_run_requests\\{service=\"web\",state=\"in_flight\"} (\\d+)")
                .matcher(f.metrics().scrape());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void aServiceThatLosesItsRunBlockStopsItsProcesses() throws Exception {
        RunApp app = new RunApp(dir);
        try (Forecourt f = Forecourt.start(app.config(""), 1)) {
            long pid = RunApp.readyPid(f, SOON);
            java.nio.file.Files.writeString(dir.resolve("other.yaml"), """
                    ingress: {listen: 127.0.0.1:0, accessLog: off}
                    services:
                      web: {domains: [web.internal], app: {echo: {}}}
                    """);
            f.reload(dev.forecourt.edge.runtime.ConfigReader.read(dir.resolve("other.yaml")));
            assertThat(RunApp.get(f, "/").body()).contains("\"app\":\"echo\"");
            Retired.await();
            await("the instance of the removed run: block is stopped", SOON, () -> !alive(pid));
        }
    }
}
