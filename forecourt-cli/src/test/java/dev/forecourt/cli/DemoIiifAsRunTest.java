package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code forecourt demo --iiif-as-run}: the IIIF server is a child process the platform starts (App Runner's way),
 * the whole chain still answers, and trace names the instance a request reached.
 */
class DemoIiifAsRunTest {

    @Test
    void theImageServerRunsAsAChildProcessAndTraceNamesTheInstance() throws Exception {
        DemoPorts ports = new DemoPorts(DemoListenBaseTest.freeBase());
        try (Forecourt demo = DemoCommand.start(ports, new PrintStream(OutputStream.nullOutputStream()), true)) {
            String story = "";
            long deadline = System.nanoTime() + 90_000_000_000L; // a JVM to start, on a busy machine
            while (!story.contains("The answer came from beyond") && System.nanoTime() < deadline) {
                story = trace(ports); // 503 until the instance has passed its health check
                if (!story.contains("The answer came from beyond")) Thread.sleep(250);
            }
            assertThat(story).as(story).contains("-> 200 OK", "4 ingress/private",
                    "instance iiif-r1-1 of service 'iiif' (pid ",
                    "The answer came from beyond the last traced hop (ingress/private's upstream)");
            long pid = Long.parseLong(story.replaceAll("(?s).*\\(pid (\\d+),.*", "$1"));
            assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .as("a child of this Forecourt").hasValue(ProcessHandle.current().pid());
        }
    }

    private static String trace(DemoPorts ports) {
        TraceCommand command = new TraceCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = command.out;
        Main.commandLine(command).execute("-H", "Host: images.example.org", "--admin",
                "127.0.0.1:" + ports.admin(), "http://127.0.0.1:" + ports.distribution() + DemoTour.WORKING);
        return out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }
}
