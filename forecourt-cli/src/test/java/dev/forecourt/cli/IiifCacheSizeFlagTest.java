package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecourt iiif --cache-size} and {@code --engine}: a bad value is a usage error that says what it expected. */
class IiifCacheSizeFlagTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter w = new PrintWriter(err, true, StandardCharsets.UTF_8);
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().setErr(w).execute(args);
            return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aBadSizeIsNamed() {
        String[] r = run("iiif", "--images", dir.toString(), "--cache", dir.resolve("d").toString(),
                "--cache-size", "lots");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEqualTo("--cache-size: 'lots' is not a size; write bytes or a number and a unit: 512MiB, 4GiB\n");
    }

    @Test
    void aSizeWithoutADirectoryCacheIsNamed() {
        String[] r = run("iiif", "--images", dir.toString(), "--cache", "memory:64MiB", "--cache-size", "1GiB");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("--cache-size: ", "not 'memory:64MiB'");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // taken as auto again, the command would start serving and never return
    void anEngineNotOfTheChoicesIsNamed() { // it was taken as auto, without a word
        String[] r = run("iiif", "--images", dir.toString(), "--engine", "jav");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).startsWith("Invalid value for option '--engine': 'jav' is not one of auto, vips, java\n");
    }
}
