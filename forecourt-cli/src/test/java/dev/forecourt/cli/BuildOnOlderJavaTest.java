package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code ./mvnw -B verify} on a machine whose default java is older than 25: Maven itself starts (its
 * .mvn/jvm.config must not hold options an older JVM refuses) and the build finds a JDK 25 for javac and the tests.
 * Runs the wrapper offline on the parent pom's validate phase only, which is where the JDK is selected.
 */
class BuildOnOlderJavaTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theWrapperRunsOnAnOlderDefaultJavaAndSelectsAJdk25() throws Exception {
        Optional<Path> older = olderJdk();
        assumeTrue(older.isPresent(), "no JDK older than 25 under /usr/lib/jvm to run Maven on");
        Child mvn = Child.run(ROOT, env -> {
            env.keySet().removeIf(k -> k.startsWith("MAVEN_") || k.startsWith("MVNW_"));
            env.put("JAVA_HOME", older.get().toString());
        }, Duration.ofMinutes(2), List.of("./mvnw", "-B", "-o", "-N", "validate"));

        assertThat(mvn.stdout() + mvn.stderr()).doesNotContain("Unrecognized option", "terminally deprecated");
        assertThat(mvn.exitCode()).as(mvn.stdout()).isZero();
        assertThat(mvn.stdout()).contains("select-jdk-toolchain").contains("BUILD SUCCESS")
                .doesNotContain("Not using an external toolchain"); // the running JDK did not match: one was selected
    }

    /** A JDK under /usr/lib/jvm whose release file names a version below 25 (Debian's default is 17). */
    private static Optional<Path> olderJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && Files.isReadable(d.resolve("release")))
                    .filter(d -> {
                        try {
                            Matcher m = version.matcher(Files.readString(d.resolve("release")));
                            return m.find() && Integer.parseInt(m.group(1)) < 25;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().findFirst();
        }
    }
}
