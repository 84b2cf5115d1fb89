package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecourt train --only iiif}: the iiif verb's own training run, as bin/forecourt makes its cache from it. */
class IiifTrainingTest {
    @Test
    void trainsTheIiifVerbOnAPngAndItsPyramidThenExits(@TempDir Path dir) throws Exception {
        Child child = Child.forecourt(dir, Duration.ofSeconds(90), "train", "--only", "iiif");

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        // the access log (the iiif verb's default: stdout) says each kind of request was answered, from both sources
        String[] lines = child.stdout().lines().filter(l -> l.contains("\"GET ")).toArray(String[]::new);
        assertThat(lines).hasSize(1 + 3 * 2 * 2 * 6); // the first answer awaited, then 3 rounds of 2 ids x 2 versions x 6
        assertThat(Arrays.stream(lines).filter(l -> l.contains("\" 200 "))).hasSize(lines.length);
        assertThat(lines).anyMatch(l -> l.contains("/iiif/3/train.tif/0,0,256,256/256,/0/default.jpg"))
                .anyMatch(l -> l.contains("/iiif/2/train.png/full/max/90/gray.png"));
        assertThat(child.stderr()).doesNotContain("ERROR").doesNotContain("Exception");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("forecourt-train-iiif-"))
                    .filter(p -> !Files.isDirectory(p) || hasFiles(p))).isEmpty();
        }
    }

    @Test
    void refusesToTrainAPartItCannotTrainAlone(@TempDir Path dir) throws Exception {
        Child child = Child.forecourt(dir, Duration.ofSeconds(30), "train", "--only", "check");

        assertThat(child.exitCode()).isEqualTo(2);
        assertThat(child.stderr()).contains("--only check: the parts trained alone are iiif and platform");
    }

    private static boolean hasFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
