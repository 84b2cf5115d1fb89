package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code forecourt --help} names the roles and the verbs; a verb's own help is built from that verb alone. */
class HelpTest {

    @Test
    void helpNamesOnlyTheRolesThatRun() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).execute("--help");
        String help = out.toString().replaceAll("\\s+", " ");

        assertThat(code).isZero();
        assertThat(help).contains("CDN (distributions)", "API gateway (apis)", "load-balancer link (links)",
                "Host-routed service platform", "IIIF image server", "run ", "check ", "trace ", "demo ", "iiif ")
                .doesNotContain("train"); // the start-up cache's training run is bin/forecourt's, not the user's

        StringWriter verb = new StringWriter();
        assertThat(Main.commandLine("trace", "--help").setOut(new PrintWriter(verb, true)).execute("trace", "--help"))
                .isZero();
        assertThat(verb.toString()).startsWith("Usage: forecourt trace ");
    }
}
