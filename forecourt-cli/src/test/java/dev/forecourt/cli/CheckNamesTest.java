package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names hops connect to resolve through resolve: or DNS, or get a warning, once per name, at its line. */
class CheckNamesTest {
    @TempDir
    Path dir;

    @Test
    void aNameNothingResolvesIsAWarningAtItsLine() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "names-unresolved.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("does not resolve"))).containsExactly(
                r.at(6) + "warning: services.api.instances[1]: 'backend.invalid' (service 'api''s instance) does not"
                        + " resolve: it is not in resolve: and DNS has no address for it here, so forecourt run would"
                        + " not start on this machine. Fix: map it in resolve: (backend.invalid: 127.0.0.1:PORT), or"
                        + " give it a DNS record",
                r.at(13) + "warning: distributions.images.origins.old.domain: 'old-origin.invalid' (origin 'old') does"
                        + " not resolve: it is not in resolve: and DNS has no address for it here, so forecourt run"
                        + " would not start on this machine. Fix: map it in resolve: (old-origin.invalid:"
                        + " 127.0.0.1:PORT), or give it a DNS record");
        assertThat(CheckRun.resource(dir, "names-unresolved.yaml", "--strict").exit()).isEqualTo(1);
    }

    @Test
    void twoTargetsOfALinkThatAreOneAddressAreAWarning() throws Exception {
        Path file = dir.resolve("link.yaml");
        java.nio.file.Files.writeString(file, """
                resolve: {nlb-target.internal: 127.0.0.1}
                links:
                  l:
                    listen: 127.0.0.1:0
                    targets: [127.0.0.1:18702, "nlb-target.internal:18702", 127.0.0.1:18703]
                """);
        CheckRun.Result r = CheckRun.file(file, "--no-bind");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("one address"))).containsExactly(r.at(5) + "warning:"
                + " links.l.targets[1]: 'nlb-target.internal:18702' and '127.0.0.1:18702' are one address here"
                + " (127.0.0.1:18702): it is registered twice and gets two shares of the link's connections (an NLB"
                + " registers a target once, by its address). Fix: list it once");
    }
}
