package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} reads certificates and keys as the listeners will, and names what they do not cover. */
class CheckCertificatesTest {
    @TempDir
    Path dir;

    /** A certificate of app.internal with its key, and not-a-cert.pem, PEM-armoured bytes that are no certificate. */
    private void certificateAndNotACertificate() throws Exception {
        TestCerts.selfSigned(dir, "app.internal");
        Files.writeString(dir.resolve("not-a-cert.pem"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    }

    @Test
    void aCertificateFileThatIsNotACertificateIsAnErrorAtItsLine() throws Exception {
        certificateAndNotACertificate();
        CheckRun.Result r = CheckRun.resource(dir, "tls-cert-not-pem.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(r.at(8) + "ingress.tls.certificates[0].cert: " + dir.resolve("not-a-cert.pem")
                + " is not a PEM certificate chain (").contains("Fix: the certificate, then its intermediates");
    }

    @Test
    void aCustomDomainsCertificateIsReadAndMustCoverItsName() throws Exception {
        certificateAndNotACertificate();
        CheckRun.Result r = CheckRun.resource(dir, "domain-tls.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(r.at(11) + "domainNames.api.example.org.tls.certificates[0].cert: "
                + dir.resolve("not-a-cert.pem") + " is not a PEM certificate chain (")
                .contains(r.at(13) + "domainNames.orders.example.org: 'orders.example.org': custom domain"
                        + " 'orders.example.org' serves it over TLS, but no certificate in"
                        + " domainNames.orders.example.org.tls covers it (they cover app.internal)");
    }

    @Test
    void aTlsListenerWithoutCertificatesIsAnErrorAtTheList() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "tls-no-certificates.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains(".certificates: none"))).containsExactly(
                r.at(6) + "ingress.tls.certificates: none: a listener that speaks TLS needs a certificate to answer a"
                        + " client's hello with. Fix: certificates: [{cert: site.pem, key: site.key}], or no tls to"
                        + " speak cleartext",
                r.at(11) + "links.nlb.tls.certificates: none: a listener that speaks TLS needs a certificate to answer a"
                        + " client's hello with. Fix: certificates: [{cert: site.pem, key: site.key}], or no tls to"
                        + " speak cleartext");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsAnErrorAtTheKey() throws Exception {
        TestCerts.selfSigned(dir, "app.internal");
        TestCerts.selfSigned(dir, "other.internal");
        CheckRun.Result r = CheckRun.resource(dir, "tls-key-of-another-cert.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains("is not the key of"))).singleElement().asString()
                .startsWith(r.at(10) + "ingress.tls.certificates[1].key: " + dir.resolve("app.internal.key")
                        + " is not the key of " + dir.resolve("other.internal.pem"));
    }

    @Test
    void aKeyThatIsNotAKeyIsAnErrorWithTheFormToWrite() throws Exception {
        TestCerts.selfSigned(dir, "app.internal");
        Files.writeString(dir.resolve("app.internal.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        CheckRun.Result r = CheckRun.resource(dir, "tls-key-not-pem.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(r.at(9) + "ingress.tls.certificates[0].key: " + dir.resolve("app.internal.key")
                + " is not a private key the listener can read (").contains("-----BEGIN PRIVATE KEY----- (PKCS#8)");
    }

    @Test
    void namesTheListenersServeThatNoCertificateCoversAreErrorsAtTheName() throws Exception {
        TestCerts.selfSigned(dir, "iiif.internal", "*.example.org");
        TestCerts.selfSigned(dir, "images.example.org");
        CheckRun.Result r = CheckRun.resource(dir, "tls-names-not-covered.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains("covers it"))).containsExactly(
                r.at(6) + "services.web.domains[0]: 'web.internal': the ingress serves it over TLS, but no certificate"
                        + " in ingress.tls covers it (they cover iiif.internal, *.example.org): clients that check the"
                        + " name will refuse the connection. Fix: a certificate for 'web.internal' or '*.internal' in"
                        + " ingress.tls.certificates",
                r.at(7) + "services.web.domains[1]: '*.web.example': the ingress serves it over TLS, but no certificate"
                        + " in ingress.tls covers it (they cover iiif.internal, *.example.org): clients that check the"
                        + " name will refuse the connection. Fix: a certificate for '*.web.example' in"
                        + " ingress.tls.certificates",
                r.at(16) + "distributions.images.aliases[1]: 'cdn.example.org': distribution 'images' serves it over"
                        + " TLS, but no certificate in distributions.images.tls covers it (they cover images.example.org):"
                        + " clients that check the name will refuse the connection. Fix: a certificate for"
                        + " 'cdn.example.org' or '*.example.org' in distributions.images.tls.certificates");
        // covered: iiif.internal exactly, tiles.example.org by the wildcard; hidden.internal is not served (private)
        assertThat(r.err()).doesNotContain("'iiif.internal':", "tiles.example.org", "hidden.internal");
    }

    @Test
    void onlyTheListenersThatSpeakTlsNeedTheirNamesCovered() throws Exception {
        TestCerts.selfSigned(dir, "web.internal");
        String yaml = """
                services:
                  web: {domains: [web.internal], app: {echo: {}}}
                  hidden: {domains: [hidden.internal], public: false, app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                  privateListen: 127.0.0.1:0
                  tls: {certificates: [{cert: web.internal.pem, key: web.internal.key}], listeners: [%s]}
                """;
        Path publicTls = dir.resolve("public-tls.yaml");
        Files.writeString(publicTls, yaml.formatted("listen"));
        CheckRun.Result r = CheckRun.file(publicTls);
        assertThat(r.err()).as("hidden.internal is served in cleartext only").isEmpty();
        assertThat(r.exit()).isZero();
        Path privateTls = dir.resolve("private-tls.yaml");
        Files.writeString(privateTls, yaml.formatted("privateListen"));
        assertThat(CheckRun.file(privateTls).err()).contains("services.hidden.domains[0]: 'hidden.internal': the ingress"
                + " serves it over TLS, but no certificate in ingress.tls covers it");
    }

    @Test
    void certificatesThatFitPass() throws Exception {
        TestCerts.selfSigned(dir, "iiif.internal", "tiles.example.org", "web.internal", "*.web.example", "hidden.internal");
        TestCerts.selfSigned(dir, "images.example.org", "cdn.example.org");
        CheckRun.Result r = CheckRun.resource(dir, "tls-names-not-covered.yaml");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void aCaFileWithoutCertificatesIsAnErrorAtTheOrigin() throws Exception {
        TestCerts.selfSigned(dir, "ca.internal");
        Files.writeString(dir.resolve("not-a-ca.pem"), "ca\n");
        CheckRun.Result r = CheckRun.resource(dir, "ca-file-not-pem.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains("caFile"))).singleElement().asString()
                .startsWith(r.at(7) + "distributions.images.origins.bad.caFile: " + dir.resolve("not-a-ca.pem")
                        + " is not a PEM file of CA certificates (");
    }

    /** A link's TLS listener and an API integration's caFile are loaded as the ingress's are (run failed on them). */
    @Test
    void aLinksCertificateAndAnIntegrationsCaFileAreLoadedToo() throws Exception {
        Files.writeString(dir.resolve("not-a-cert.pem"), "not a certificate\n");
        var site = TestCerts.selfSigned(dir, "nlb.internal");
        Path file = dir.resolve("link-api-tls.yaml");
        Files.writeString(file, """
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                links:
                  nlb:
                    listen: 127.0.0.1:0
                    targets: ["127.0.0.1:9"]
                    tls: {certificates: [{cert: not-a-cert.pem, key: %s}]}
                apis:
                  public:
                    listen: 127.0.0.1:0
                    routes:
                      - route: "ANY /{proxy+}"
                        integration: {uri: "https://127.0.0.1:9/{proxy}", tls: {caFile: not-a-cert.pem}}
                """.formatted(site.key()));
        String err = CheckRun.file(file).err();
        assertThat(err).contains(file + ":9: links.nlb.tls.certificates[0].cert: " + dir.resolve("not-a-cert.pem")
                + " is not a PEM certificate chain");
        assertThat(err).contains(file + ":15: apis.public.routes[0].integration.tls.caFile: "
                + dir.resolve("not-a-cert.pem") + " is not a PEM file of CA certificates");
    }
}
