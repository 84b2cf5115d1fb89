package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty file (or one of comments only) is an error, not a valid configuration that runs nothing. */
class CheckEmptyFileTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsAnErrorNamingWhatAFileHolds() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "empty.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith(r.at(1) + "the file is empty: nothing would run; write at least one of"
                + " resolve, services, ingress, distributions");
        Path comments = dir.resolve("comments.yaml");
        Files.writeString(comments, "# services:\n#   app: {domains: [a.internal], app: {echo: {}}}\n");
        assertThat(CheckRun.file(comments).err()).startsWith(comments + ":1: the file is empty");
    }
}
