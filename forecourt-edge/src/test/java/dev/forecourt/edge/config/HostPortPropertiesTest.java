package dev.forecourt.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.HostPort;
import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Addresses as the configuration writes them: what HostPort writes it reads back, and it never throws otherwise. */
class HostPortPropertiesTest {

    @Property
    void whatIsWrittenIsReadBack(@ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
        HostPort hp = new HostPort(host, port);
        assertThat(HostPort.parse(hp.toString(), null)).isEqualTo(hp);
        assertThat(HostPort.parseWithPort(hp.toString(), HostPort.Use.CONNECT)).isEqualTo(hp);
        assertThat(HostPort.withoutPort(hp.toString())).isEqualTo(hp.withBrackets());
        assertThat(HostPort.parse(hp.withBrackets(), 80)).isEqualTo(new HostPort(host, 80));
    }

    @Property
    void anIpv6AddressIsReadAsTheJdkReadsIt(@ForAll("ipv6") String address, @ForAll @IntRange(max = 65535) int port)
            throws Exception {
        HostPort hp = HostPort.parse("[" + address + "]:" + port, null, HostPort.Use.LISTEN);
        assertThat(InetAddress.getByName(hp.host())).isEqualTo(InetAddress.getByName(address));
        assertThat(hp.port()).isEqualTo(port);
    }

    @Property
    void anyTextParsesOrSaysWhy(@ForAll("addressLike") String text) {
        try {
            HostPort hp = HostPort.parse(text, null, HostPort.Use.LISTEN);
            assertThat(HostPort.parse(hp.toString(), null, HostPort.Use.LISTEN)).isEqualTo(hp);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcxyz019-.").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        return Arbitraries.oneOf(name, ipv4, ipv6());
    }

    @Provide
    Arbitrary<String> ipv6() {
        Arbitrary<String> group = Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString);
        Arbitrary<String> full = group.list().ofSize(8).map(l -> String.join(":", l));
        Arbitrary<String> compressed = Combinators.combine(group.list().ofMinSize(0).ofMaxSize(3),
                group.list().ofMinSize(0).ofMaxSize(3)).as((a, b) -> String.join(":", a) + "::" + String.join(":", b));
        return Arbitraries.oneOf(full, compressed);
    }

    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.strings().withChars("ab1:[]%.0 9").ofMaxLength(12);
    }
}
