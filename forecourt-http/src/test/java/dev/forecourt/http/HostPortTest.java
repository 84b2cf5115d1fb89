package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.http.HostPort.Use;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "127.0.0.1:9000      | 127.0.0.1     | 9000 | 127.0.0.1:9000",
            "127.0.0.1           | 127.0.0.1     | -    | 127.0.0.1",
            "iiif.internal:80    | iiif.internal | 80   | iiif.internal:80",
            "iiif.internal       | iiif.internal | -    | iiif.internal",
            "*.example.org:8443  | *.example.org | 8443 | *.example.org:8443",
            "[::1]:443           | ::1           | 443  | [::1]:443",
            "[::1]               | ::1           | -    | [::1]",
            "[2001:db8::1]:65535 | 2001:db8::1   | 65535| [2001:db8::1]:65535",
            "[fe80::1%eth0]:80   | fe80::1%eth0  | 80   | [fe80::1%eth0]:80",
            "::1                 | ::1           | -    | [::1]",
            "2001:db8::1         | 2001:db8::1   | -    | [2001:db8::1]",
            "::ffff:192.0.2.1    | ::ffff:192.0.2.1 | - | [::ffff:192.0.2.1]"})
    void readsHostAndPortAndWritesThemBack(String text, String host, Integer port, String written) {
        HostPort hp = HostPort.parse(text, null);
        assertThat(hp.host()).isEqualTo(host);
        assertThat(hp.port()).isEqualTo(port);
        assertThat(hp.toString()).isEqualTo(written);
        assertThat(HostPort.parse(hp.toString(), null)).isEqualTo(hp);
    }

    @Test
    void theDefaultPortIsUsedOnlyWhenNoneIsWritten() {
        assertThat(HostPort.parse("iiif.internal", 80)).isEqualTo(new HostPort("iiif.internal", 80));
        assertThat(HostPort.parse("iiif.internal:9000", 80)).isEqualTo(new HostPort("iiif.internal", 9000));
        assertThat(HostPort.parse("[::1]", 443).port()).isEqualTo(443);
        assertThat(HostPort.parse("::1", 443)).isEqualTo(new HostPort("::1", 443));
    }

    @Test
    void withBracketsOnlyForIpv6() {
        assertThat(HostPort.parse("[::1]:1", null).withBrackets()).isEqualTo("[::1]");
        assertThat(HostPort.parse("127.0.0.1:1", null).withBrackets()).isEqualTo("127.0.0.1");
        assertThat(HostPort.parse("name", null).withBrackets()).isEqualTo("name");
    }

    @Test
    void portZeroOnlyWhereAListenerBinds() {
        assertThat(HostPort.parse("127.0.0.1:0", null, Use.LISTEN).port()).isZero();
        assertThat(HostPort.parseWithPort("127.0.0.1:0", Use.LISTEN).port()).isZero();
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:0", null))
                .hasMessage("port 0 is out of range 1-65535");
        assertThatThrownBy(() -> HostPort.parseWithPort("127.0.0.1:0", Use.CONNECT))
                .hasMessage("port 0 is out of range 1-65535");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                  | the host is empty",
            ":80                 | ':80' has no host (write 127.0.0.1:PORT or 0.0.0.0:PORT)",
            "[]:80               | '[]:80' has no host (write 127.0.0.1:PORT or 0.0.0.0:PORT)",
            "host:               | 'host:' has no port after the ':'",
            "host:http           | 'http' is not a port number",
            "host:+80            | '+80' is not a port number",
            "host:-1             | '-1' is not a port number",
            "host:65536          | port 65536 is out of range 1-65535",
            "host:123456789012   | port 123456789012 is out of range 1-65535",
            "[::1                | '[::1' opens '[' without closing it: write [2001:db8::1]:443",
            "[::1:80             | '[::1:80' opens '[' without closing it: write [2001:db8::1]:443",
            "::1]:80             | '::1]:80' has ']' inside the host; only an IPv6 address is written in brackets, [2001:db8::1]:443",
            "a[b:80              | 'a[b:80' has '[' inside the host; only an IPv6 address is written in brackets, [2001:db8::1]:443",
            "[::1]x:80           | '[::1]x:80' has 'x' after ']'; write [2001:db8::1]:443",
            "[example.org]:80    | '[example.org]:80': 'example.org' in brackets is not an IPv6 address",
            "host:name:80        | 'host:name:80' has more than one ':' and is not an IPv6 address; an IPv6 address with a port is written in brackets, [2001:db8::1]:443"})
    void badTextSaysWhatIsWrong(String text, String problem) {
        assertThatThrownBy(() -> HostPort.parse(text, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @Test
    void aRequiredPortIsAskedFor() {
        assertThatThrownBy(() -> HostPort.parseWithPort("127.0.0.1", Use.CONNECT))
                .hasMessage("'127.0.0.1' needs a port (host:port)");
        assertThatThrownBy(() -> HostPort.parseWithPort("[::1]", Use.CONNECT))
                .hasMessage("'[::1]' needs a port (host:port)");
        assertThatThrownBy(() -> HostPort.parseWithPort("2001:db8::1:8080", Use.LISTEN))
                .hasMessage("'2001:db8::1:8080' has more than one ':': an IPv6 address with a port is written in"
                        + " brackets, [2001:db8::1]:443");
        assertThatThrownBy(() -> HostPort.parseWithPort("127.0.0.1:99999", Use.LISTEN))
                .hasMessage("port 99999 is out of range 0-65535");
    }

    @Test
    void portColonFindsThePortWithoutReadingIt() {
        assertThat(HostPort.portColon("example.org:8080")).isEqualTo(11);
        assertThat(HostPort.portColon("example.org")).isEqualTo(-1);
        assertThat(HostPort.portColon("[::1]:443")).isEqualTo(5);
        assertThat(HostPort.portColon("[::1]")).isEqualTo(-1);
        assertThat(HostPort.portColon("::1")).isEqualTo(-1);
        assertThat(HostPort.withoutPort("[::1]:443")).isEqualTo("[::1]");
        assertThat(HostPort.withoutPort("*.example.org:8443")).isEqualTo("*.example.org");
        assertThat(HostPort.withoutPort("example.org")).isEqualTo("example.org");
    }

    @Test
    void anAddressIsWrittenAsHostColonPortWithIpv6InBrackets() {
        org.assertj.core.api.Assertions.assertThat(HostPort.text(new java.net.InetSocketAddress("127.0.0.1", 9000)))
                .isEqualTo("127.0.0.1:9000");
        org.assertj.core.api.Assertions.assertThat(HostPort.text(new java.net.InetSocketAddress("::1", 9000)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:9000");
        org.assertj.core.api.Assertions.assertThat(HostPort.text(null)).isEqualTo("?");
    }
}
