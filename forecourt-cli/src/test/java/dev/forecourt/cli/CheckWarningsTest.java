package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code check} reports warnings: with file:line like errors, each once, and as failures under --strict. */
class CheckWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aWarningNamesTheFileAndTheLineOfWhatItIsAbout() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "unkeyed-forwarded-headers.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(r.at(11) + "warning: distributions.behind.behaviors[/plain/*]: X-Forwarded-Host");
    }

    @Test
    void aWarningAboutAnOriginIsSaidOnceAtTheOriginNotOncePerBehavior() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "https-origin-of-three-behaviors.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("https-only"))).singleElement().asString()
                .startsWith(r.at(10) + "warning: distributions.d.origins.app: origin 'app' is https-only but");
    }

    @Test
    void strictExitsOneOnWarningsAndZeroWithoutThem() throws Exception {
        assertThat(CheckRun.resource(dir, "https-origin-of-three-behaviors.yaml", "--strict").exit()).isEqualTo(1);
        Path clean = dir.resolve("clean.yaml");
        java.nio.file.Files.writeString(clean, "ingress: {listen: 127.0.0.1:0}\n");
        CheckRun.Result r = CheckRun.file(clean, "--strict");
        assertThat(r.out()).doesNotContain("warning");
        assertThat(r.exit()).isZero();
    }
}
