package dev.forecourt.edge.role.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What check says of a link's targets against the file's own listeners. */
class LinkChecksTest {
    private static final Path FILE = Path.of("seed.yaml");

    private static String file(String ingressExtra, String linkExtra, String target) {
        return """
                resolve: {platform.internal: 127.0.0.1}
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  privateListen: 127.0.0.1:9443
                """ + ingressExtra + """
                links:
                  nlb:
                    listen: 127.0.0.1:1001
                    targets: [%s]
                """.formatted(target) + linkExtra;
    }

    @Test
    void aTargetThatIsTheIngressPrivateListenerReadsCleanWhenBothAgreeOnTheProxyHeader() throws Exception {
        assertThat(ConfigReader.check(FILE, file("", "", "127.0.0.1:9443")).warnings()).isEmpty();
        assertThat(ConfigReader.check(FILE, file("  proxyProtocol: [privateListen]\n", "    proxyProtocol: v2\n",
                "platform.internal:9443")).warnings()).as("a name resolve: maps to the listener").isEmpty();
    }

    @Test
    void aListenerThatTakesAProxyHeaderFromALinkThatSendsNoneIsAnError() {
        assertThatThrownBy(() -> ConfigReader.check(FILE, file("  proxyProtocol: true\n", "", "127.0.0.1:9443")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seed.yaml:10: links.nlb.targets: '127.0.0.1:9443' is ingress.privateListen, which"
                        + " takes a PROXY protocol v2 header first")
                .hasMessageContaining("Fix: proxyProtocol: v2 on the link");
    }

    @Test
    void aLinkThatSendsAProxyHeaderToAListenerThatTakesNoneIsAnError() {
        assertThatThrownBy(() -> ConfigReader.check(FILE, file("", "    proxyProtocol: v2\n", "127.0.0.1:9443")))
                .hasMessageContaining("takes no PROXY header, and this link sends one")
                .hasMessageContaining("ingress.proxyProtocol: [privateListen]");
    }

    @Test
    void aHeaderToAListenerOfAnotherRoleIsFixedOnTheLinkAlone() {
        assertThatThrownBy(() -> ConfigReader.check(FILE, file("admin: {listen: 127.0.0.1:9901}\n",
                "    proxyProtocol: v2\n", "127.0.0.1:9901")))
                .hasMessageContaining("'127.0.0.1:9901' is admin.listen, which takes no PROXY header")
                .hasMessageContaining("Fix: drop proxyProtocol from the link (only the ingress's listeners take one)");
    }

    @Test
    void healthChecksThatCanNeverPassAreWarnings() throws Exception {
        // the link fails open, so traffic flows; but no target is ever taken out, which the file does not show
        assertThat(ConfigReader.check(FILE, file("", "    healthCheck: {protocol: http}\n", "127.0.0.1:9443")).warnings())
                .singleElement().asString().contains("links.nlb.healthCheck: the checks' Host is the target's address")
                .contains("it answers 404 no_route, which matcher 200-399 counts unhealthy")
                .contains("Fix: matcher: 200-499, or protocol: tcp");
        assertThat(ConfigReader.check(FILE, file("", "    healthCheck: {protocol: http, matcher: 200-499}\n",
                "127.0.0.1:9443")).warnings()).isEmpty();
        assertThat(ConfigReader.check(FILE, file("", "    healthCheck: {protocol: http}\n", "echo.internal:9443")
                .replace("resolve: {platform.internal: 127.0.0.1}", "resolve: {echo.internal: 127.0.0.1}")).warnings())
                .as("a target named by a service's domain: the ingress routes the check's Host").isEmpty();
        assertThat(ConfigReader.check(FILE, file("  listen: 127.0.0.1:9080\n  proxyProtocol: [privateListen]\n",
                "    proxyProtocol: v2\n    healthCheck: {protocol: http, port: 9080, matcher: 200-499}\n", "127.0.0.1:9443")).warnings())
                .singleElement().asString().contains("the checks go to ingress.listen, which takes no PROXY header, and"
                        + " this link's checks send one");
        assertThat(ConfigReader.check(FILE, file("", "    healthCheck: {protocol: https}\n", "127.0.0.1:9443")).warnings())
                .singleElement().asString().contains("the checks speak https to ingress.privateListen, which speaks"
                        + " cleartext").contains("Fix: protocol: http");
    }

    @Test
    void aLinkEndingTlsSpeaksToItsTargetAsTheListenerThereDoes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dev.forecourt.http.TestCerts.Pem pem = dev.forecourt.http.TestCerts.selfSigned(dir, "nlb.example");
        String certs = "{certificates: [{cert: " + pem.cert() + ", key: " + pem.key() + "}]";
        String ingressTls = "  tls: " + certs + ", listeners: [privateListen]}\n";
        assertThat(ConfigReader.check(FILE, file(ingressTls, "    tls: " + certs + "}\n", "127.0.0.1:9443")).warnings())
                .singleElement().asString().contains("links.nlb.tls.targetProtocol: tcp, but the target '127.0.0.1:9443'"
                        + " is ingress.privateListen, which speaks TLS").contains("Fix: targetProtocol: tls");
        assertThat(ConfigReader.check(FILE, file(ingressTls, "    tls: " + certs + ", targetProtocol: tls}\n",
                "127.0.0.1:9443")).warnings()).isEmpty();
    }

    @Test
    void aChecksHostIsRoutedAsTheListenerRoutesIt() throws Exception {
        String check = "    healthCheck: {protocol: http}\n";
        String named = file("", check, "echo.internal:9443").replace("resolve: {platform.internal: 127.0.0.1}",
                "resolve: {echo.internal: 127.0.0.1}");
        assertThat(ConfigReader.check(FILE, named.replace("[echo.internal]", "[\"echo.internal:9000\"]")).warnings())
                .as("a domain with another port: that Host only").singleElement().asString()
                .contains("it answers 404 no_route");
        String overPublic = file("  listen: 127.0.0.1:9080\n", "    healthCheck: {protocol: http}\n", "echo.internal:9080")
                .replace("resolve: {platform.internal: 127.0.0.1}", "resolve: {echo.internal: 127.0.0.1}");
        assertThat(ConfigReader.check(FILE, overPublic).warnings()).isEmpty();
        assertThat(ConfigReader.check(FILE, overPublic.replace("app: {echo: {}}}", "app: {echo: {}}, public: false}"))
                .warnings()).as("the public listener routes public services only").singleElement().asString()
                .contains("ingress.listen routes by Host: it answers 404 no_route");
    }

    @Test
    void aLinkEndingTlsInFrontOfAnotherThatEndsTlsSpeaksTls(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dev.forecourt.http.TestCerts.Pem pem = dev.forecourt.http.TestCerts.selfSigned(dir, "nlb.example");
        String certs = "{certificates: [{cert: " + pem.cert() + ", key: " + pem.key() + "}]";
        String second = "  inner:\n    listen: 127.0.0.1:1002\n    targets: [10.0.0.7:443]\n    tls: " + certs + "}\n";
        assertThat(ConfigReader.check(FILE, file("", "    tls: " + certs + ", targetProtocol: tls}\n" + second,
                "127.0.0.1:1002")).warnings()).noneMatch(w -> w.contains("targetProtocol"));
    }

    @Test
    void aTargetThatIsNoListenerOfTheFileIsAWarning() throws Exception {
        assertThat(ConfigReader.check(FILE, file("", "", "10.0.0.7:443")).warnings()).singleElement().asString()
                .contains("seed.yaml:9: warning: links.nlb.targets: '10.0.0.7:443' is no listener of this file")
                .contains("ingress.privateListen");
    }

    @Test
    void aLinkToItselfAndATlsBlockWithoutCertificatesAreRefusedPlainly() {
        assertThatThrownBy(() -> ConfigReader.check(FILE, file("", "    tls: {alpnPolicy: None}\n", "127.0.0.1:1001")))
                .hasMessageContaining("is this link's own listener")
                .hasMessageContaining("links.nlb.tls: 'certificates' is missing");
    }

    @Test
    void noTargetIsSaidBesideAnyOtherProblem() {
        // it was said only in a file with no other problem: fixed one by one, the empty list came last
        assertThatThrownBy(() -> ConfigReader.check(FILE, "admin: {listen: 127.0.0.1:1, bogus: 1}\n"
                + "links:\n  nlb: {listen: 127.0.0.1:1001, targets: []}\n"))
                .hasMessageContaining("admin.bogus: unknown key 'bogus'")
                .hasMessageContaining("links.nlb.targets: no target: give at least one HOST:PORT");
        // but not beside what is said of the targets given
        assertThatThrownBy(() -> ConfigReader.check(FILE, "links:\n  nlb: {listen: 127.0.0.1:1001, targets: [{a: b}]}\n"))
                .hasMessageContaining("links.nlb.targets: expected a text value")
                .hasMessageNotContaining("no target");
    }
}
