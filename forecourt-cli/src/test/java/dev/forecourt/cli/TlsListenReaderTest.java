package dev.forecourt.cli;

import dev.forecourt.edge.role.distribution.DistributionRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distribution's {@code tls.listen}: a TLS listener beside its cleartext {@code listen}. */
class TlsListenReaderTest {
    @TempDir
    Path dir;

    private String yaml(String tlsListen) throws Exception {
        Files.writeString(dir.resolve("c.pem"), "x");
        Files.writeString(dir.resolve("k.pem"), "x");
        return """
                distributions:
                  edge:
                    listen: 127.0.0.1:8080
                    tls: {listen: %s, certificates: [{cert: %s, key: %s}]}
                    origins: {app: {domain: app.internal}}
                    defaultBehavior: {origin: app}
                """.formatted(tlsListen, dir.resolve("c.pem"), dir.resolve("k.pem"));
    }

    @Test
    void tlsListenIsReadBesideListen() throws Exception {
        var d = DistributionRole.ROLE.of(ConfigReader.read(Path.of("f.yaml"), yaml("127.0.0.1:8443"))).distributions().get("edge");
        assertThat(d.listen()).isEqualTo("127.0.0.1:8080");
        assertThat(d.tlsListen()).isEqualTo("127.0.0.1:8443");
    }

    @Test
    void tlsListenOnTheCleartextAddressIsAnError() {
        assertThatThrownBy(() -> ConfigReader.read(Path.of("f.yaml"), yaml("127.0.0.1:8080")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(String.join("\n", ((ConfigException) e).problems()))
                        .contains("f.yaml:4", "distributions.edge.tls.listen", "address of its own"));
    }
}
