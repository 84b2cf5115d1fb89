package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/forecourt rebuilds its jar when a pom or a main source is newer (after a git pull), and says so in one line.
 * The script runs on a copy of itself in a small tree with a stand-in {@code mvnw} (which records its calls and
 * writes a jar) and a stand-in JDK 25 (whose {@code java} prints what it was asked to run), so no real build runs.
 */
class LauncherRebuildTest {
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(2));
    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("..", "bin", "forecourt"), bin.resolve("forecourt"));
        executable(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "$*" >> mvnw.calls
                if [ -f build.fails ]; then echo "[ERROR] compilation failed" >&2; exit 1; fi
                mkdir -p forecourt-cli/target && echo jar > forecourt-cli/target/forecourt.jar
                """);
        executable(Files.createDirectories(root.resolve("jdk/bin")).resolve("java"), """
                #!/usr/bin/env bash
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1" 2025-10-21' >&2; exit 0; fi
                echo "java ran: ${@: -1}"
                """);
        for (String f : List.of("pom.xml", "forecourt-cli/pom.xml", "forecourt-edge/src/main/java/Edge.java",
                "forecourt-edge/src/test/java/EdgeTest.java", "forecourt-bench/src/main/java/Bench.java")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
            Files.setLastModifiedTime(p, FileTime.from(LONG_AGO));
        }
    }

    @Test
    void buildsTheFirstTimeThenOnlyWhenAPomOrAMainSourceIsNewerThanTheJar() throws Exception {
        Child first = launch();
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr()).isEqualTo("forecourt: building the jar (no jar yet; a minute or two) ...\n");
        assertThat(first.stdout()).isEqualTo("java ran: --version\n");
        assertThat(calls()).containsExactly("-B -q -DskipTests -pl forecourt-cli -am package");

        ageJar();
        Child again = launch();
        assertThat(again.stderr()).isEmpty();
        assertThat(again.stdout()).isEqualTo("java ran: --version\n");
        assertThat(calls()).hasSize(1);

        touchAfterJar("forecourt-edge/src/test/java/EdgeTest.java"); // not in the jar
        touchAfterJar("forecourt-bench/src/main/java/Bench.java");
        assertThat(launch().stderr()).isEmpty();
        assertThat(calls()).hasSize(1);

        touchAfterJar("forecourt-edge/src/main/java/Edge.java"); // as a git pull leaves a changed source
        Child pulled = launch();
        assertThat(pulled.stderr()).isEqualTo("forecourt: building the jar "
                + "(forecourt-edge/src/main/java/Edge.java is newer than the jar; a minute or two) ...\n");
        assertThat(pulled.stdout()).isEqualTo("java ran: --version\n");
        assertThat(calls()).hasSize(2);
        assertThat(launch().stderr()).isEmpty();

        ageJar();
        Files.setLastModifiedTime(root.resolve("forecourt-edge/src/main/java/Edge.java"), FileTime.from(LONG_AGO));
        touchAfterJar("forecourt-cli/pom.xml");
        assertThat(launch().stderr()).contains("forecourt-cli/pom.xml is newer than the jar");
        assertThat(calls()).hasSize(3);
    }

    @Test
    void aFailedBuildStopsWithItsErrorAndIsTriedAgainNextTime() throws Exception {
        launch();
        ageJar();
        touchAfterJar("forecourt-edge/src/main/java/Edge.java");
        Files.writeString(root.resolve("build.fails"), "");

        Child failed = launch();
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stdout()).isEmpty(); // the old jar is not run
        assertThat(failed.stderr()).contains("Edge.java is newer than the jar", "[ERROR] compilation failed");

        Files.delete(root.resolve("build.fails"));
        Child fixed = launch();
        assertThat(fixed.stderr()).contains("Edge.java is newer than the jar");
        assertThat(fixed.stdout()).isEqualTo("java ran: --version\n");
        assertThat(calls()).hasSize(3);
    }

    private Child launch() throws Exception {
        return launch("off");
    }

    /** {@code aot}: FORECOURT_AOT (off: no start-up cache, whose own test is below). */
    private Child launch(String aot) throws Exception {
        return launch(aot, "--version");
    }

    private Child launch(String aot, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "bin/forecourt"));
        command.addAll(List.of(args));
        return Child.run(root, env -> {
            env.put("JAVA_HOME", root.resolve("jdk").toString());
            env.put("FORECOURT_AOT", aot);
        }, Duration.ofSeconds(30), command);
    }

    @Test
    void runOnAFileOfThePlatformAloneGetsTheCacheTrainedOnThatAndAnyOtherFileTheWholeSeedsCache() throws Exception {
        executable(root.resolve("jdk/bin/java"), """
                #!/usr/bin/env bash
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1" 2025-10-21' >&2; exit 0; fi
                for a in "$@"; do
                  case "$a" in
                    -XX:AOTCacheOutput=*) out="${a#*=}"; echo "${out##*/}: ${*: -3}" >> train.calls; echo aot > "$out"; exit 0;;
                    -XX:AOTCache=*) cache=" with ${a##*/}";;
                  esac
                done
                echo "java ran: ${@: -1}$cache"
                """);
        launch(); // the jar
        Path platform = Files.writeString(root.resolve("platform.yaml"), """
                # the platform alone: services behind the ingress, an admin
                ---
                resolve: {app.internal: 127.0.0.1}
                services:
                  app: {domains: [app.example.org], instances: ["app.internal:8080"]}
                ingress: {listen: "0.0.0.0:8080", accessLog: off}
                admin:
                  listen: 127.0.0.1:9901
                errors: {detail: true}
                """);
        Path cdn = Files.writeString(root.resolve("cdn.yaml"), """
                services:
                  app: {domains: [app.example.org], instances: ["127.0.0.1:8080"]}
                distributions:
                  site: {listen: "0.0.0.0:80", origins: {app: {domain: app.example.org}}}
                """);
        Path tls = Files.writeString(root.resolve("tls.yaml"), """
                services:
                  app: {domains: [app.example.org], instances: ["127.0.0.1:8080"]}
                ingress:
                  listen: "0.0.0.0:443"
                  tls: {certificates: [{cert: site.pem, key: site.key}]}
                """);
        Path flow = Files.writeString(root.resolve("flow.yaml"), "{services: {}, links: {}}\n");
        Path crlf = Files.writeString(root.resolve("crlf.yaml"), "services: # the apps\r\n  app: {}\r\n\r\ningress: {}\r\n");
        // another role first, then 120 KB of other top-level lines (more than a pipe holds): read through a pipe, the
        // first grep died of the second's early exit, and pipefail turned that into "platform" (20 of 20 by hand)
        Path longCdn = Files.writeString(root.resolve("long-cdn.yaml"), "distributions: {}\n"
                + java.util.stream.IntStream.range(0, 8000).mapToObj(i -> "x-note-" + i + ": {}\n")
                        .collect(java.util.stream.Collectors.joining()));

        assertThat(launch("on", "run", platform.toString()).stdout())
                .isEqualTo("java ran: " + platform + " with forecourt-platform.aot\n");
        assertThat(launch("on", "run", "--threads", "2", platform.toString()).stdout())
                .isEqualTo("java ran: " + platform + " with forecourt-platform.aot\n");
        assertThat(launch("on", "run", "platform.yaml", "--threads", "2").stdout()) // relative, options after it
                .isEqualTo("java ran: 2 with forecourt-platform.aot\n");
        assertThat(launch("on", "run", crlf.toString()).stdout()).isEqualTo("java ran: " + crlf + " with forecourt-platform.aot\n");
        for (Path other : List.of(cdn, tls, flow, longCdn)) {
            assertThat(launch("on", "run", other.toString()).stdout()).as(other.toString())
                    .isEqualTo("java ran: " + other + " with forecourt.aot\n");
        }
        assertThat(launch("on", "check", platform.toString()).stdout()) // check checks any file: the whole seed's
                .isEqualTo("java ran: " + platform + " with forecourt.aot\n");
        assertThat(Files.readAllLines(root.resolve("train.calls")))
                .containsExactly("forecourt-platform.aot: train --only platform", "forecourt.aot: -jar " + root.resolve(
                        "forecourt-cli/target/forecourt.jar") + " train"); // each once
    }

    @Test
    void theStartUpCacheIsMadeOncePerJarAndLauncherUsedByEveryStartAndAFailedOneIsNotTriedAgainUntilTheJarChanges()
            throws Exception {
        executable(root.resolve("jdk/bin/java"), """
                #!/usr/bin/env bash
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1" 2025-10-21' >&2; exit 0; fi
                for a in "$@"; do
                  case "$a" in
                    -XX:AOTCacheOutput=*) echo "training: $*" >> train.calls; [ -f train.fails ] && exit 1; echo aot > "${a#*=}"; exit 0;;
                    -XX:AOTCache=*) cache=" with the cache";;
                  esac
                done
                echo "java ran: ${@: -1}$cache"
                """);
        launch(); // the jar
        Child first = launch("on");
        assertThat(first.stderr()).isEqualTo("forecourt: preparing the start-up cache (once per build; a few seconds) ...\n");
        assertThat(first.stdout()).isEqualTo("java ran: --version with the cache\n");
        Child second = launch("on");
        assertThat(second.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo("java ran: --version with the cache\n");
        assertThat(Files.readAllLines(root.resolve("train.calls"))).singleElement().asString()
                .contains("-XX:-AOTRecordTraining"); // classes only, not the training's method profiles

        // a launcher newer than the cache (it may make its cache differently now) makes the cache anew, once
        ageJar();
        Files.setLastModifiedTime(root.resolve("forecourt-cli/target/forecourt.aot"), minutesAgo(30));
        Files.setLastModifiedTime(root.resolve("bin/forecourt"), minutesAgo(10));
        assertThat(launch("on").stderr()).isEqualTo("forecourt: preparing the start-up cache (once per build; a few seconds) ...\n");
        assertThat(launch("on").stderr()).isEmpty();
        assertThat(Files.readAllLines(root.resolve("train.calls"))).hasSize(2);

        Files.writeString(root.resolve("train.fails"), "");
        Files.setLastModifiedTime(root.resolve("forecourt-cli/target/forecourt.aot"), FileTime.from(LONG_AGO));
        ageJar(); // newer than its cache, as after a build
        Child failed = launch("on"); // a new jar whose training fails: it runs without, and says so once
        assertThat(failed.stderr()).contains("preparing the start-up cache", "no start-up cache (see ");
        assertThat(failed.stdout()).isEqualTo("java ran: --version\n");
        Child after = launch("on");
        assertThat(after.stderr()).isEmpty();
        assertThat(after.stdout()).isEqualTo("java ran: --version\n");
        assertThat(Files.readAllLines(root.resolve("train.calls"))).hasSize(3);
    }

    @Test
    void nettysNativeLibrariesAreTakenOutOfTheJarOncePerJarAndFoundThere() throws Exception {
        executable(root.resolve("jdk/bin/java"), """
                #!/usr/bin/env bash
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1" 2025-10-21' >&2; exit 0; fi
                for a in "$@"; do case "$a" in -Djava.library.path=*) path=" from ${a#*=}";; esac; done
                echo "java ran: ${@: -1}$path"
                """);
        executable(root.resolve("jdk/bin/jar"), """
                #!/usr/bin/env bash
                echo "$*" >> ../../../jar.calls
                mkdir -p META-INF/native && echo so > META-INF/native/libnetty_transport_native_epoll_x86_64.so
                """);
        launch(); // the jar
        Path nativeDir = root.resolve("forecourt-cli/target/native");
        assertThat(launch().stdout()).isEqualTo("java ran: --version from " + nativeDir + "\n");
        assertThat(nativeDir.resolve("libnetty_transport_native_epoll_x86_64.so")).exists();
        assertThat(nativeDir.resolve("META-INF")).doesNotExist();
        launch();
        assertThat(Files.readAllLines(root.resolve("jar.calls"))).hasSize(1); // once per jar
        ageJar();
        Files.setLastModifiedTime(nativeDir.resolve(".from-jar"), FileTime.from(LONG_AGO)); // older than the jar
        launch();
        assertThat(Files.readAllLines(root.resolve("jar.calls"))).hasSize(2);

        Files.delete(root.resolve("jdk/bin/jar")); // a JDK without the jar tool: Netty copies them out itself
        Files.setLastModifiedTime(nativeDir.resolve(".from-jar"), FileTime.from(LONG_AGO));
        Child without = launch();
        assertThat(without.stderr()).isEmpty();
        assertThat(without.stdout()).isEqualTo("java ran: --version\n"); // not another jar's copy
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(root.resolve("mvnw.calls"));
    }

    /** The jar an hour old, so that "newer" needs no sleeping past the file system's time granularity. */
    private void ageJar() throws IOException {
        Files.setLastModifiedTime(root.resolve("forecourt-cli/target/forecourt.jar"),
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }

    private static FileTime minutesAgo(int minutes) {
        return FileTime.from(Instant.now().minus(Duration.ofMinutes(minutes)));
    }

    private void touchAfterJar(String file) throws IOException {
        FileTime jar = Files.getLastModifiedTime(root.resolve("forecourt-cli/target/forecourt.jar"));
        Files.setLastModifiedTime(root.resolve(file), FileTime.from(jar.toInstant().plusSeconds(60)));
    }

    private static void executable(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
