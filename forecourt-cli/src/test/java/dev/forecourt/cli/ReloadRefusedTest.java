package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.TestCerts;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP to a running {@code forecourt run} with a file that {@code check} refuses for what only loading finds (here a
 * key that is not its certificate's): the reload is refused with check's words, and the running configuration keeps
 * serving. A child JVM, as an operator runs it.
 */
class ReloadRefusedTest {
    @TempDir
    Path dir;

    @Test
    void aReloadWithAKeyThatIsNotTheCertificatesIsRefusedAndTheOldFileKeepsServing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path file = dir.resolve("forecourt.yaml");
        Files.writeString(file, """
                services:
                  echo: {domains: [echo.internal, 127.0.0.1], app: {echo: {}}}
                ingress: {listen: "127.0.0.1:%d"}
                """.formatted(port));
        File err = dir.resolve("stderr").toFile();
        Process run = new ProcessBuilder(Child.forecourtCommand("run", file.toString())).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
        try {
            awaitLine(err.toPath(), "forecourt started");
            assertThat(get(port)).isEqualTo(200);

            var site = TestCerts.selfSigned(dir, "echo.internal");
            var other = TestCerts.selfSigned(dir, "other.internal");
            Files.writeString(file, """
                    services:
                      echo: {domains: [echo.internal, 127.0.0.1], app: {echo: {}}}
                    ingress:
                      listen: "127.0.0.1:%d"
                      tls: {certificates: [{cert: %s, key: %s}]}
                    """.formatted(port, site.cert(), other.key()));
            new ProcessBuilder("kill", "-HUP", Long.toString(run.pid())).start().waitFor(10, TimeUnit.SECONDS);
            String refused = awaitLine(err.toPath(), "reload refused");
            assertThat(refused).contains("the running configuration stays");
            assertThat(Files.readString(err.toPath())).contains(file + ":5: ingress.tls.certificates[0].key: "
                    + other.key() + " is not the key of " + site.cert());
            assertThat(get(port)).as("the old file, plain HTTP, still serves").isEqualTo(200);
        } finally {
            run.destroy();
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly().waitFor();
            }
        }
    }

    private static int get(int port) throws Exception {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The first line of the file holding {@code text}, waiting up to 60 s for it (a child JVM on a busy machine). */
    private static String awaitLine(Path file, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            for (String line : Files.readString(file, StandardCharsets.UTF_8).lines().toList()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with '" + text + "' in 60 s; stderr: " + Files.readString(file));
    }
}
