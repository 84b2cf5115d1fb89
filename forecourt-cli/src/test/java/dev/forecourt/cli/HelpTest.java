package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code forecourt --help} names the roles that run today, and none that don't yet (apis, links). */
class HelpTest {

    @Test
    void helpNamesOnlyTheRolesThatRun() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).execute("--help");
        String help = out.toString().replaceAll("\\s+", " ");

        assertThat(code).isZero();
        assertThat(help).contains("CDN (distributions)", "Host-routed service platform (ingress, services)",
                "IIIF image server");
        assertThat(help).doesNotContainIgnoringCase("API gateway").doesNotContainIgnoringCase("load-balancer")
                .doesNotContain("apis", "links");
    }
}
