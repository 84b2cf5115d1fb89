package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.config.ErrorsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code errors: {detail: ...}}: who is told the detail of Forecourt's own error pages. */
class ErrorsConfigReaderTest {
    private static final String INGRESS = "ingress: {listen: 127.0.0.1:9000}\n";

    @Test
    void theDefaultIsLocalAndEachValueReads() throws Exception {
        assertThat(ConfigReader.read(Path.of("f.yaml"), INGRESS).errors().detail()).isEqualTo(ErrorsConfig.Detail.LOCAL);
        for (String v : new String[] {"local", "full", "safe"}) {
            assertThat(ConfigReader.read(Path.of("f.yaml"), INGRESS + "errors: {detail: " + v + "}\n").errors().detail().name())
                    .isEqualToIgnoringCase(v);
        }
    }

    @Test
    void anUnknownValueIsAnErrorWithItsLineAndTheAllowedValues() {
        assertThatThrownBy(() -> ConfigReader.read(Path.of("f.yaml"), INGRESS + "errors: {detail: verbose}\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(String.join("\n", ((ConfigException) e).problems()))
                        .contains("f.yaml:2", "errors.detail", "local", "full", "safe"));
    }
}
