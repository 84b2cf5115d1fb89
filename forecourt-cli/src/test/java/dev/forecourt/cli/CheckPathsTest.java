package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} finds the directories a file names: images, a cache disk's parent, access logs' directories. */
class CheckPathsTest {
    @TempDir
    Path dir;

    @Test
    void directoriesThatAreNotThereAreErrorsAtTheirLines() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("var"));
        CheckRun.Result r = CheckRun.file(CheckRun.copy(dir, "paths-missing.yaml", Map.of("@DIR@", dir.toString())));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith(r.file().toString()))).containsExactly(
                r.at(4) + "services.iiif.app.iiif.images: directory " + dir.resolve("no-images") + " does not exist: the"
                        + " IIIF app would have no images to serve. Fix: the directory of the images (a relative path is"
                        + " read from the file's directory)",
                r.at(11) + "ingress.accessLog.path: directory " + dir.resolve("no-logs") + " does not exist, so the log"
                        + " file " + dir.resolve("no-logs/ingress.log") + " can't be made there. Fix: create it (mkdir -p "
                        + dir.resolve("no-logs") + "), or correct the path",
                r.at(17) + "distributions.images.cache.disk.path: directory " + dir.resolve("no-var") + " does not exist,"
                        + " so the cache's directory " + dir.resolve("no-var/cache") + " can't be made there. Fix: create"
                        + " it (mkdir -p " + dir.resolve("no-var") + "), or correct the path");
    }

    @Test
    void pathsUnderProcAndSysAreErrorsWhoeverRunsCheck() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "paths-kernel.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith(r.file().toString()))).containsExactly(
                r.at(6) + "ingress.accessLog.path: /proc/sysrq-trigger is under /proc, where the kernel's own files"
                        + " are, not an access log's. Fix: a path under a directory of your own, e.g. /var/log/forecourt"
                        + " or /var/cache/forecourt",
                r.at(12) + "distributions.images.cache.disk.path: /sys/kernel/forecourt-cache is under /sys, where the"
                        + " kernel's own files are, not a cache's. Fix: a path under a directory of your own, e.g."
                        + " /var/log/forecourt or /var/cache/forecourt");
    }
}
