package dev.forecourt.edge.process;

import static dev.forecourt.edge.process.RunApp.alive;
import static dev.forecourt.edge.process.RunApp.await;
import static dev.forecourt.edge.process.RunApp.instances;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed run: block deploys a new revision beside the old one; traffic moves only once it is ready. */
class DeploymentTest {
    private static final Duration SOON = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aRollingDeployUnderWrkC32DropsNothing() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log();
             Forecourt f = Forecourt.start(app.config("min: 2\nenv: {VERSION: one}"), 2)) {
            await("two ready instances", SOON, () -> instances(f, "ready") == 2);
            Set<Long> old = pidsOf(f, 2);
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d8s", "--timeout", "10s", "-H", "Host: web.internal",
                    "http://127.0.0.1:" + f.address("ingress").getPort() + "/").redirectErrorStream(true).start();
            try {
                Thread.sleep(1000); // the load runs on the old revision first (not an assertion: only an ordering)
                f.reload(app.config("min: 2\nenv: {VERSION: two}"));
                await("revision 2 serves", SOON, () -> log.has("revision 2 is ready (2 instance(s)): traffic moves to it"));
                await("revision 1's processes are gone", SOON, () -> old.stream().noneMatch(RunApp::alive));
                assertThat(wrk.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
                assertThat(requests.find()).as(out).isTrue();
                assertThat(Long.parseLong(requests.group(1))).as(out).isGreaterThan(100);
                assertThat(out).as("wrk's report").doesNotContain("Non-2xx").doesNotContain("Socket errors");
            } finally {
                wrk.destroyForcibly();
            }
            assertThat(RunApp.get(f, "/").body()).contains("\"version\":\"two\"");
            assertThat(instances(f, "ready")).isEqualTo(2);
        }
    }

    @Test
    void aRevisionThatFailsItsHealthCheckIsRolledBackWithoutAFailedRequest() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log(); Forecourt f = Forecourt.start(app.config("env: {VERSION: one}"), 2)) {
            long serving = RunApp.readyPid(f, SOON);
            try (LoadLoop load = new LoadLoop(f, 8, "/")) {
                f.reload(app.config("startTimeout: 2s\nenv: {VERSION: broken, HEALTHY: never}"));
                await("the rollback", SOON, () -> log.has("revision 2 rolled back"));
                await("revision 2's instances are stopped", SOON, () -> instances(f, "draining") == 0
                        && instances(f, "starting") == 0);
                assertThat(load.count(200)).isGreaterThan(0);
                assertThat(load.failures).isEmpty();
                assertThat(load.pids).containsExactly(serving);
            }
            String why = log.lines().stream().filter(l -> l.contains("revision 2 rolled back")).findFirst().orElseThrow();
            assertThat(why).startsWith("WARN").contains("its instances did not all pass their health check within"
                    + " startTimeout 2s").contains("answered 500").endsWith("revision 1 keeps serving");
            assertThat(RunApp.admin(f, "GET", "/services/web/deployments").body())
                    .contains("{\"revision\":1,\"cause\":\"started\"").contains("\"status\":\"serving\"")
                    .contains("{\"revision\":2,\"cause\":\"configuration changed\"").contains("\"status\":\"rolled back\"")
                    .contains("answered 500");
            assertThat(RunApp.pid(RunApp.get(f, "/"))).isEqualTo(serving);
            assertThat(alive(serving)).isTrue();
        }
    }

    @Test
    void aDeploymentRequestedOnTheAdminListenerReplacesTheInstances() throws Exception {
        RunApp app = new RunApp(dir);
        try (RunApp.Log log = new RunApp.Log(); Forecourt f = Forecourt.start(app.config(""), 1)) {
            long first = RunApp.readyPid(f, SOON);
            HttpResponse<String> started = RunApp.admin(f, "POST", "/services/web/deployments");
            assertThat(started.statusCode()).isEqualTo(202);
            assertThat(started.body()).contains("\"revision\":2,\"cause\":\"requested on the admin listener\"")
                    .contains("\"status\":\"deploying\"");
            await("revision 2 serves", SOON, () -> log.has("revision 2 is ready"));
            assertThat(RunApp.pid(RunApp.get(f, "/"))).isNotEqualTo(first);
            await("revision 1's process is gone", SOON, () -> !alive(first));
            assertThat(RunApp.admin(f, "GET", "/services/web/deployments").body())
                    .contains("\"revision\":1,\"cause\":\"started\",").contains("\"status\":\"replaced\",\"detail\":\"by revision 2\"")
                    .contains("\"revision\":2,\"cause\":\"requested on the admin listener\"");
            assertThat(RunApp.admin(f, "POST", "/services/nope/deployments").statusCode()).isEqualTo(404);
            assertThat(RunApp.admin(f, "PUT", "/services/web/deployments").statusCode()).isEqualTo(405);
        }
    }

    /** The pids of {@code n} different instances, from answers (each balanced to the one answering the fewest). */
    private static Set<Long> pidsOf(Forecourt f, int n) throws Exception {
        Set<Long> pids = new java.util.HashSet<>();
        long deadline = System.nanoTime() + SOON.toNanos();
        while (pids.size() < n && System.nanoTime() < deadline) {
            pids.add(RunApp.pid(RunApp.get(f, "/")));
        }
        assertThat(pids).hasSize(n);
        return pids;
    }
}
