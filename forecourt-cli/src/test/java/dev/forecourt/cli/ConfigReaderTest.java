package dev.forecourt.cli;

import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every configuration error names file:line, the key path and what is allowed; all of them at once. */
class ConfigReaderTest {
    private static List<String> problems(String yaml) {
        try {
            ConfigReader.read(Path.of("f.yaml"), yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    @Test
    void readsTheVocabulary() throws Exception {
        Config c = ConfigReader.read(Path.of("f.yaml"), """
                resolve:
                  iiif.internal: 127.0.0.1:9000
                services:
                  iiif:
                    domains: [iiif.internal, "*.example.org"]
                    instances: [127.0.0.1:8182, {app: {echo: {}}}]
                    healthCheck: {protocol: http, path: /health, interval: 5s, timeout: 2s, healthyThreshold: 1, unhealthyThreshold: 5}
                    public: false
                    loadBalancing: least_request
                    readTimeout: 1.5s
                ingress:
                  listen: 127.0.0.1:9000
                  privateListen: 127.0.0.1:9001
                  server: envoy
                  accessLog: {format: json, path: stdout}
                  limits: {maxHeaderSize: 32KiB, headerTimeout: 5s}
                admin: {listen: 127.0.0.1:9901}
                """);
        var s = IngressRole.ROLE.of(c).services().get("iiif");
        assertThat(s.domains()).containsExactly("iiif.internal", "*.example.org");
        assertThat(s.instances()).containsExactly(new InstanceConfig.Address("127.0.0.1:8182"), new InstanceConfig.App("echo", java.util.Map.of()));
        assertThat(s.healthCheck().protocol()).isEqualTo("http");
        assertThat(s.isPublic()).isFalse();
        assertThat(s.loadBalancing()).isEqualTo("least_request");
        assertThat(s.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(IngressRole.ROLE.of(c).ingress().server()).isEqualTo("envoy");
        assertThat(IngressRole.ROLE.of(c).ingress().limits().maxHeaderSize()).isEqualTo(32 * 1024);
        assertThat(IngressRole.ROLE.of(c).ingress().accessLog().format()).isEqualTo("json");
        assertThat(c.resolve()).containsEntry("iiif.internal", "127.0.0.1:9000");
    }

    @Test
    void unknownKeysAreErrorsWithLineAndAllowedKeys() {
        assertThat(problems("""
                services:
                  iiif:
                    domains: [iiif.internal]
                    instances: [127.0.0.1:8182]
                    helthCheck: {protocol: http}
                ingress: {listen: 127.0.0.1:9000}
                """)).containsExactly("f.yaml:5: services.iiif.helthCheck: unknown key 'helthCheck' (did you mean 'healthCheck'?); allowed here: domains, "
                + "instances, app, run, healthCheck, public, loadBalancing, connectTimeout, readTimeout");
    }

    @Test
    void badValuesSayWhatIsAllowedAndAllProblemsAreReported() {
        List<String> p = problems("""
                services:
                  iiif:
                    domains: [iiif.internal]
                    instances: [127.0.0.1]
                    healthCheck: {protocol: udp, interval: soon, path: health}
                    loadBalancing: random
                ingress:
                  listen: 127.0.0.1:99999
                  limits: {maxHeaderSize: lots}
                  accessLog: {format: "$method $nope"}
                """);
        assertThat(p).containsExactlyInAnyOrder(
                "f.yaml:4: services.iiif.instances: '127.0.0.1' needs a port (host:port)",
                "f.yaml:5: services.iiif.healthCheck.protocol: 'udp' is not allowed; allowed: tcp, http",
                "f.yaml:5: services.iiif.healthCheck.path: must start with '/', got 'health'",
                "f.yaml:5: services.iiif.healthCheck.interval: 'soon' is not a duration; write a number and a unit: 250ms, 5s, 2m, 1h, 1d",
                "f.yaml:6: services.iiif.loadBalancing: 'random' is not allowed; allowed: round_robin, least_request",
                "f.yaml:8: ingress.listen: port 99999 is out of range 0-65535",
                "f.yaml:9: ingress.limits.maxHeaderSize: 'lots' is not a size; write bytes or a number and a unit: 64KiB, 8MiB, 1GiB",
                "f.yaml:10: ingress.accessLog.format: unknown access log field '$nope'; allowed: " + dev.forecourt.edge.observe.LogField.allowed()
                        + ", " + dev.forecourt.edge.Attribute.loggedNames()); // and the fields roles registered
    }

    @Test
    void anInstanceIsConnectedToSoItsPortIsNotZero() {
        assertThat(problems("""
                services:
                  iiif:
                    domains: [iiif.internal]
                    instances: ["127.0.0.1:0", "[::1]:8182", "::1:8182"]
                ingress:
                  listen: 127.0.0.1:0
                """)).containsExactly(
                "f.yaml:4: services.iiif.instances: port 0 is out of range 1-65535",
                "f.yaml:4: services.iiif.instances: '::1:8182' has more than one ':': an IPv6 address with a port is"
                        + " written in brackets, [2001:db8::1]:443");
    }

    @Test
    void referencesAreChecked() {
        List<String> p = problems("""
                services:
                  a: {domains: [x.internal], app: {echo: {}}}
                  b: {domains: [X.internal], app: {cantaloupe: {images: ./samples}}}
                  c: {domains: ["*bad.internal"], instances: [127.0.0.1:1]}
                  d: {domains: [d.internal]}
                ingress:
                  listen: 127.0.0.1:9000
                  tls: {certificates: [{cert: missing.pem, key: missing.key}]}
                links: {nlb: {listen: 127.0.0.1:1001}}
                apis: {public: {listen: 127.0.0.1:8080, routes: [{route: "GET /a", integration: {link: nlbx}}]}}
                """);
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:3: services.b.app: unknown app kind 'cantaloupe'; allowed: [echo, iiif]"));
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:3: services.b.domains: 'X.internal' is already a domain of service 'a'"));
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:4: services.c.domains: '*bad.internal': a wildcard may only be the whole first label"));
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:5: services.d: the service has no instances"));
        assertThat(p).anyMatch(s -> s.matches("f.yaml:8: ingress.tls.certificates.cert: file .*missing.pem does not exist or can't be read"));
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:9: links.nlb: 'targets' is missing"));
        assertThat(p).anyMatch(s -> s.startsWith("f.yaml:10: apis.public.routes[0].integration.link: 'nlbx' is none of this file's links (nlb)"));
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysHaveLines() {
        assertThat(problems("ingress:\n  listen: 127.0.0.1:9000\n  listen: 127.0.0.1:9001\n"))
                .containsExactly("f.yaml:3: not valid YAML: duplicate key 'listen' (first on line 2)");
        assertThat(problems("services: [a\n")).hasSize(1).allMatch(s -> s.startsWith("f.yaml:"));
    }

    @Test
    void theDemoConfigurationIsValid() throws Exception {
        Config c = ConfigReader.read(Path.of("demo.yaml"), DemoCommand.demoYaml());
        assertThat(IngressRole.ROLE.of(c).services()).containsKeys("echo", "private-echo");
        assertThat(IngressRole.ROLE.of(c).ingress().server()).isEqualTo("envoy");
    }

    @Test
    void checkExitsNonZeroOnErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "ingres: {listen: 127.0.0.1:9000}\n");
        assertThat(Main.commandLine("check").execute("check", bad.toString())).isEqualTo(1);
        Path good = dir.resolve("good.yaml");
        java.nio.file.Files.writeString(good, "ingress: {listen: 127.0.0.1:0}\n");
        assertThat(Main.commandLine("check").execute("check", good.toString())).isZero();
        assertThatThrownBy(() -> ConfigReader.read(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml:1: ingres: unknown key 'ingres' (did you mean 'ingress'?); allowed here: resolve, services, ingress, distributions");
    }

    @Test
    void readsDistributionsWithManagedAndCustomPolicies() throws Exception {
        Config c = ConfigReader.read(Path.of("f.yaml"), """
                cachePolicies:
                  Mine: {minTTL: 0s, defaultTTL: 1h, maxTTL: 1d, headers: [Accept-Language], queryStrings: [v], cookies: {allExcept: [session]}}
                functions:
                  hdr: {setHeaders: {Host: x.internal}}
                distributions:
                  images:
                    listen: 127.0.0.1:8443
                    aliases: [images.example.org]
                    origins:
                      app: {domain: iiif.internal, httpPort: 9000, protocolPolicy: http-only}
                    defaultBehavior: {origin: app, cachePolicy: CachingOptimized, originRequestPolicy: AllViewerExceptHostHeader}
                    behaviors:
                      - {pathPattern: "/iiif/*", origin: app, cachePolicy: Mine, allowedMethods: [GET, HEAD, OPTIONS], functions: {origin-request: hdr}}
                    cache: {memory: 64MiB, disk: {path: cache, size: 1GiB}}
                """);
        var d = DistributionRole.ROLE.of(c).distributions().get("images");
        assertThat(d.aliases()).containsExactly("images.example.org");
        assertThat(d.defaultBehavior().originRequestPolicy().forwardsHost()).isFalse();
        var b = d.behaviors().get(0);
        assertThat(b.pathPattern()).isEqualTo("/iiif/*");
        assertThat(b.cachePolicy().ttl().dflt()).isEqualTo(Duration.ofHours(1));
        assertThat(b.cachePolicy().headers().takes("accept-language")).isTrue();
        assertThat(b.cachePolicy().cookies().takes("session")).isFalse();
        assertThat(b.functions()).hasSize(1);
        assertThat(d.cache().diskPath()).isEqualTo(Path.of("f.yaml").toAbsolutePath().getParent().resolve("cache"));
    }

    @Test
    void aCorsMaxAgeIsWholeSecondsAsTheCloudsWriteItOrADuration() throws Exception {
        Config c = ConfigReader.read(Path.of("f.yaml"), """
                responseHeadersPolicies:
                  Seconds: {cors: {allowOrigins: ["https://a.example"], maxAge: 600}}
                  Duration: {cors: {allowOrigins: ["https://a.example"], maxAge: 10m}}
                distributions:
                  images:
                    listen: 127.0.0.1:8443
                    origins: {app: {domain: iiif.internal}}
                    defaultBehavior: {origin: app, responseHeadersPolicy: Seconds}
                    behaviors: [{pathPattern: "/d/*", origin: app, responseHeadersPolicy: Duration}]
                """);
        var d = DistributionRole.ROLE.of(c).distributions().get("images");
        assertThat(d.defaultBehavior().responseHeadersPolicy().cors().maxAge()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.behaviors().get(0).responseHeadersPolicy().cors().maxAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void distributionMistakesAreNamedWithLineAndWhatIsAllowed() {
        List<String> p = problems("""
                distributions:
                  images:
                    listen: 127.0.0.1:8443
                    origins:
                      app: {domain: iiif.internal, protocolPolicy: https-sometimes}
                    defaultBehavior: {origin: ap, cachePolicy: CachingOptimised}
                    behaviors:
                      - {pathPattern: "/a/*", origin: app, allowedMethods: [GET, POST], functions: {viewer-start: x}}
                      - {origin: app}
                      - {pathPattern: "/b/*", origin: app, allowedMethods: all, cachedMethods: [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]}
                      - {pathPattern: "/c/*", origin: app, cachedMethods: all}
                """);
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:5:").contains("https-sometimes", "match-viewer"));
        // cachedMethods takes the cloud's two sets only (it took all seven, and 'all')
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:10:").contains("cachedMethods", "[GET, HEAD],"
                + " [GET, HEAD, OPTIONS]]").doesNotEndWith(", or all"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:11:").contains("cachedMethods"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:6:").contains("no origin named 'ap'", "app"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:6:").contains("'CachingOptimised'", "CachingOptimized"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:8:").contains("[GET, POST]", "[GET, HEAD]").endsWith(", or all"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:8:").contains("viewer-start", "viewer-request"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("f.yaml:9:").contains("'pathPattern' is missing"));
    }

    @Test
    void trustForwardedFromDefaultsToLoopbackOnTheIngressAndNobodyOnADistribution() throws Exception {
        Config c = ConfigReader.read(Path.of("f.yaml"), """
                ingress: {listen: 127.0.0.1:9000}
                distributions:
                  images:
                    listen: 127.0.0.1:8443
                    origins: {app: {domain: iiif.internal}}
                    defaultBehavior: {origin: app}
                  behind:
                    listen: 127.0.0.1:8444
                    trustForwardedFrom: [10.0.0.0/8, 192.0.2.7, "2001:db8::/32"]
                    origins: {app: {domain: iiif.internal}}
                    defaultBehavior: {origin: app}
                """);
        assertThat(IngressRole.ROLE.of(c).ingress().trustForwardedFrom()).hasToString("[127.0.0.0/8, 0:0:0:0:0:0:0:1/128]");
        assertThat(DistributionRole.ROLE.of(c).distributions().get("images").trustForwardedFrom()).isEmpty();
        assertThat(DistributionRole.ROLE.of(c).distributions().get("behind").trustForwardedFrom())
                .hasToString("[10.0.0.0/8, 192.0.2.7/32, 2001:db8:0:0:0:0:0:0/32]");
        Config none = ConfigReader.read(Path.of("f.yaml"), "ingress: {listen: 127.0.0.1:9000, trustForwardedFrom: []}");
        assertThat(IngressRole.ROLE.of(none).ingress().trustForwardedFrom()).isEmpty();
    }

    @Test
    void aBadTrustedBlockIsNamedWithItsLineAndTheForm() {
        List<String> p = problems("""
                ingress:
                  listen: 127.0.0.1:9000
                  trustForwardedFrom:
                    - 10.0.0.1/8
                    - proxy.internal
                    - 127.0.0.1/33
                """);
        assertThat(p).containsExactly(
                "f.yaml:4: ingress.trustForwardedFrom: '10.0.0.1/8' has address bits set below /8; the block is "
                        + "10.0.0.0/8 (a list of blocks, or [] to trust no peer)",
                "f.yaml:5: ingress.trustForwardedFrom: 'proxy.internal' is not an IP address or block; write one like "
                        + "10.0.0.0/8, 192.0.2.7 or ::1/128 (a list of blocks, or [] to trust no peer)",
                "f.yaml:6: ingress.trustForwardedFrom: '127.0.0.1/33': the prefix length must be 0 to 32 "
                        + "(a list of blocks, or [] to trust no peer)");
    }
}
