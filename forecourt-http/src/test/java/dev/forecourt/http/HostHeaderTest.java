package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostHeaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"example.org", "example.org:8080", "127.0.0.1:9000", "[::1]:443", "[::1]", "a-b.c_d~e"})
    void validHosts(String host) {
        assertThat(HostHeader.problem(host)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "exa mple.org", "example.org:", "example.org:80x", "example.org:123456",
            "[::1", "[]", "[]:80", "exa/mple", "host\u0000"})
    void invalidHosts(String host) {
        assertThat(HostHeader.problem(host)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void hostOnlyDropsThePortAndLowersCase() {
        assertThat(HostHeader.hostOnly("IIIF.Internal:9000")).isEqualTo("iiif.internal");
        assertThat(HostHeader.hostOnly("[::1]:443")).isEqualTo("[::1]");
    }
}
