package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecourt train --only platform}: run on a file of the platform alone, as bin/forecourt makes its cache. */
class PlatformTrainingTest {
    @Test
    void runsAFileOfServicesAndTheIngressThroughEachKindOfServiceThenExits(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp")); // the training's own, so that only its leftovers count
        Child child = Child.run(dir, env -> env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp),
                Duration.ofSeconds(90), Child.forecourtCommand("train", "--only", "platform"));

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        // the ingress's access log (stdout): the first answer awaited, then 3 rounds of 9 requests, each answered
        List<String> lines = child.stdout().lines().filter(l -> l.contains("ingress/public")).toList();
        assertThat(lines).hasSize(1 + 3 * 9);
        assertThat(lines.stream().filter(l -> l.contains("iiif.internal/iiif/3/train.png/full/max/90/gray.png")
                && l.contains("\" 200 ") && l.contains("app:iiif@"))).hasSize(3);
        assertThat(lines.stream().filter(l -> l.contains("echo.internal/hello") && l.contains("\" 200 "))).hasSize(3);
        assertThat(lines.stream().filter(l -> l.contains("metrics.internal/metrics") && l.contains("\" 200 ")
                && l.contains(" 127.0.0.1:"))).hasSize(3); // the instance at a static address: the admin listener
        assertThat(lines.stream().filter(l -> l.contains("nobody.internal/hello") && l.contains(" no_route "))).hasSize(3);
        assertThat(child.stderr()).contains("drained").doesNotContain("ERROR").doesNotContain("Exception");
        try (var left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("forecourt-train-platform-"))).isEmpty();
        }
    }
}
