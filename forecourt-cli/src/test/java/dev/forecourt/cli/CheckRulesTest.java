package dev.forecourt.cli;

import dev.forecourt.edge.role.distribution.DistributionRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What reads well key by key but fails, or surprises, at run time: each rule against a broken file in
 * {@code src/test/resources/check/}, its message with file:line, what is wrong and the fix.
 */
class CheckRulesTest {
    static Path file(String name) {
        try {
            return Path.of(CheckRulesTest.class.getResource("/check/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The errors for a file, its path shortened to its name. */
    /** {@code problems} are as many as {@code prefixes}, each starting with its own, in this order. */
    private static void startEachInOrder(List<String> problems, String... prefixes) {
        assertThat(problems).hasSize(prefixes.length);
        for (int i = 0; i < prefixes.length; i++) {
            assertThat(problems.get(i)).startsWith(prefixes[i]);
        }
    }

    static List<String> problems(String name) {
        Path f = file(name);
        try {
            ConfigReader.read(f);
        } catch (ConfigException e) {
            return e.problems().stream().map(s -> s.replace(f.toString(), name)).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected problems in " + name);
    }

    /** The warnings for a file that reads without errors. */
    static List<String> warnings(String name) throws Exception {
        Path f = file(name);
        return ConfigReader.check(f).warnings().stream().map(s -> s.replace(f.toString(), name)).toList();
    }

    @Test
    void functionTemplatesNameOnlyWhatExists() {
        assertThat(problems("function-template.yaml")).containsExactlyInAnyOrder(
                "function-template.yaml:4: functions.v2.uri: unknown template name '$url'; allowed: $uri, $query, $host"
                        + " (or ${uri}, ${query}, ${host} when letters follow)",
                "function-template.yaml:5: functions.v2.setHeaders.X-Path: '${uri' is missing its '}'");
    }

    @Test
    void corsWithCredentialsForAnyOriginIsRefused() {
        List<String> p = problems("cors-credentials.yaml");
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("cors-credentials.yaml:6: responseHeadersPolicies.Open.cors: allowCredentials:"
                + " true with allowOrigins '*' would answer any origin with its own name and credentials")
                .contains("Fix: list the origins", "allowCredentials: false");
        assertThat(p.get(1)).startsWith("cors-credentials.yaml:8: responseHeadersPolicies.Default.cors:")
                .contains("'*' (the default)");
    }

    @Test
    void duplicatePatternsAreErrorsAndShadowedOnesWarnings() throws Exception {
        assertThat(problems("behavior-order.yaml")).containsExactly(
                "behavior-order.yaml:9: distributions.images.behaviors[/iiif/*]: pathPattern '/iiif/*' is already the"
                        + " behavior's on line 8; behaviors match in order, so this one would never be used. Fix: remove"
                        + " one, or merge their settings");
        Path f = file("behavior-order.yaml");
        String fixed = java.nio.file.Files.readString(f).replace("      - {pathPattern: \"iiif/*\", origin: app}\n", "");
        List<String> w = ConfigReader.check(Path.of("behavior-order.yaml"), fixed).warnings();
        assertThat(w).containsExactly(
                "behavior-order.yaml:10: warning: distributions.images.behaviors[/img/*]: never used: every path it"
                        + " matches is taken first by behaviors[/*] (line 9), since behaviors match in order. Fix: list"
                        + " '/img/*' above '/*'",
                "behavior-order.yaml:11: warning: distributions.images.behaviors[/a?c]: never used: every path it"
                        + " matches is taken first by behaviors[/*] (line 9), since behaviors match in order. Fix: list"
                        + " '/a?c' above '/*'",
                "behavior-order.yaml:18: warning: distributions.other.behaviors[/tiles/*.jpg]: never used: every path"
                        + " it matches is taken first by behaviors[*] (line 17), since behaviors match in order. Fix: list"
                        + " '/tiles/*.jpg' above '*'");
    }

    @Test
    void httpsForViewersNeedsATlsListener() {
        List<String> p = problems("viewer-tls.yaml");
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("viewer-tls.yaml:6: distributions.images.defaultBehavior.viewerProtocolPolicy:"
                + " redirect-to-https, but distribution 'images' has no tls").contains("301", "redirect loop", "Fix: give"
                + " the distribution tls:", "allow-all");
        assertThat(p.get(1)).startsWith("viewer-tls.yaml:8: distributions.images.behaviors[/private/*]"
                + ".viewerProtocolPolicy: https-only, but distribution 'images' has no tls").contains("refused (400)");
    }

    @Test
    void aResolvePortThatOverridesAnOriginsPortIsNamedWithWhichWins() throws Exception {
        assertThat(warnings("resolve-port.yaml")).containsExactly(
                "resolve-port.yaml:9: warning: distributions.images.origins.app.httpPort: 8080 is not used: resolve:"
                        + " maps 'iiif.internal' to 127.0.0.1:9000 (line 3), and a resolve entry's port wins over the"
                        + " origin's, so connections go to port 9000 (the Host header still says 'iiif.internal:8080')."
                        + " Fix: drop the port from the resolve entry to use 8080, or set httpPort: 9000",
                "resolve-port.yaml:13: warning: distributions.images.origins.tls.httpsPort: 443 is not used: resolve:"
                        + " maps 'iiif.internal' to 127.0.0.1:9000 (line 3), and a resolve entry's port wins over the"
                        + " origin's, so connections go to port 9000 (the Host header still says 'iiif.internal')."
                        + " Fix: drop the port from the resolve entry to use 443, or set httpsPort: 9000");
    }

    @Test
    void aHealthCheckTimeoutMustBeBelowItsInterval() {
        List<String> p = problems("health-timeout.yaml");
        assertThat(p).containsExactly(
                "health-timeout.yaml:8: services.iiif.healthCheck.timeout: 5s is not less than interval 5s: a check"
                        + " that takes its whole timeout delays the next one, so a hung target is found later than the"
                        + " interval says. Fix: a timeout below the interval, e.g. interval: 10s, timeout: 5s",
                "health-timeout.yaml:12: services.web.healthCheck.timeout: 10s is not less than interval 5s: a check"
                        + " that takes its whole timeout delays the next one, so a hung target is found later than the"
                        + " interval says. Fix: a timeout below the interval, e.g. interval: 15s, timeout: 10s",
                // a link's health check (NLB's timeout default, 10s, against a shorter interval)
                "health-timeout.yaml:18: links.nlb.healthCheck.timeout: 10s is not less than interval 5s: a check"
                        + " that takes its whole timeout delays the next one, so a hung target is found later than the"
                        + " interval says. Fix: a timeout below the interval, e.g. interval: 15s, timeout: 10s");
    }

    @Test
    void aRunPortThatIsAListenersOwnIsRefused() {
        assertThat(problems("run-port.yaml")).containsExactly(
                "run-port.yaml:5: services.app.run.port: 9000 is the port of ingress.listen (0.0.0.0:9000): the"
                        + " instance could not bind it, and would be started again and again. Fix: port: auto (a free"
                        + " port per instance), or a port no listener of this file uses");
    }

    @Test
    void maxObjectSizeAboveMemoryIsRefused() {
        assertThat(problems("max-object-size.yaml")).containsExactly(
                "max-object-size.yaml:9: distributions.images.cache.maxObjectSize: 128MiB is larger than memory 64MiB:"
                        + " objects are copied into memory as they arrive, so none larger than memory is ever stored."
                        + " Fix: maxObjectSize at most 64MiB (an eighth of memory leaves room for others), or more memory");
    }

    @Test
    void zeroTimeoutsAreRefusedSayingWhatZeroWouldMean() {
        List<String> p = problems("zero-timeouts.yaml");
        assertThat(p).hasSize(10);
        assertThat(p.get(0)).isEqualTo("zero-timeouts.yaml:6: services.iiif.readTimeout: '0s' would turn the timer off"
                + " (no limit), not 'at once': a peer that stalls would hold its connection for ever; timeouts must be"
                + " more than 0. Fix: the longest wait you accept, e.g. 1h");
        assertThat(p.get(1)).startsWith("zero-timeouts.yaml:7: services.iiif.healthCheck.timeout: '0ms' would turn");
        assertThat(p.get(2)).startsWith("zero-timeouts.yaml:10: ingress.limits.idleTimeout: '0s' would turn");
        assertThat(p.get(3)).startsWith("zero-timeouts.yaml:15: distributions.images.origins.app.connectTimeout: '0s'");
        assertThat(p.get(4)).startsWith("zero-timeouts.yaml:15: distributions.images.origins.app.keepAliveTimeout:"
                + " '0s' would turn the timer off (no limit), not 'no reuse': idle connections would be kept for ever");
        // a link's too: check said OK to these, and `run` then stopped on an exception
        assertThat(p.get(5)).startsWith("zero-timeouts.yaml:21: links.nlb.connectTimeout: '0s' would turn");
        assertThat(p.get(6)).startsWith("zero-timeouts.yaml:22: links.nlb.idleTimeout: '0s' would turn");
        assertThat(p.get(7)).startsWith("zero-timeouts.yaml:23: links.nlb.healthCheck.timeout: '0s' would turn");
        // an API's and a custom domain's listener limits, as the ingress's: check said OK to these
        assertThat(p.get(8)).startsWith("zero-timeouts.yaml:27: apis.shop.limits.headerTimeout: '0s' would turn");
        assertThat(p.get(9)).startsWith("zero-timeouts.yaml:34: domainNames.api.example.org.limits.requestTimeout: '0s'");
    }

    @Test
    void headersAndPathsThatCouldNotGoOnTheWireAreRefused() {
        List<String> p = problems("bad-headers.yaml");
        startEachInOrder(p,
                "bad-headers.yaml:6: services.web.healthCheck.path: '/a b' holds a character a"
                        + " URL can't",
                "bad-headers.yaml:9: ingress.server: the value holds a control character (CR),"
                        + " which would split the header or end the head. Fix: one line of visible characters",
                "bad-headers.yaml:12: responseHeadersPolicies.Viewer.customHeaders: '' is no"
                        + " header name",
                "bad-headers.yaml:12: responseHeadersPolicies.Viewer.customHeaders: the value"
                        + " holds a control character (LF)",
                "bad-headers.yaml:17: distributions.images.origins.app.customHeaders.Bad"
                        + " Header: 'Bad Header' is no header name",
                "bad-headers.yaml:17: distributions.images.origins.app.customHeaders"
                        + ".Content-Length: 'Content-Length' is a header a custom header can't set (as CloudFront refuses it:",
                "bad-headers.yaml:17: distributions.images.origins.app.customHeaders"
                        + ".X-Amz-Foo: 'X-Amz-Foo' is a header a custom header can't set",
                "bad-headers.yaml:17: distributions.images.origins.app.originPath: '/a b'");
    }

    @Test
    void namesAndAppSettingsThatStoppedRunAreRefusedWhenRead() {
        assertThat(problems("bad-names.yaml")).containsExactly(
                "bad-names.yaml:5: services.img.app.iiif.baseUri: 'ftp://x' is not http(s)://host[:port][/prefix], the"
                        + " address viewers reach the images at. Fix: e.g. https://images.example.org/iiif",
                "bad-names.yaml:5: services.img.app.iiif.cache: memory: 0 keeps nothing; to keep no derivatives, leave the"
                        + " cache out",
                "bad-names.yaml:5: services.img.app.iiif.maxPixels: '1.5' is not a whole number of pixels from 1 to"
                        + " 999999999999999. Fix: e.g. 400000000 (the default: 20000 x 20000)",
                "bad-names.yaml:5: services.img.app.iiif.engine: 'jav' is no imaging engine; allowed: auto, vips, java"
                        + " (auto: libvips when it can be loaded, else java)",
                "bad-names.yaml:8: services.none.app.iiif.images: the directory of the images is missing. Fix: app:"
                        + " {iiif: {images: DIR}}",
                "bad-names.yaml:11: services.bare.app.iiif.images: the directory of the images is missing. Fix: app:"
                        + " {iiif: {images: DIR}}",
                "bad-names.yaml:17: distributions.images.aliases: 'a*.example.org': a wildcard may only be the whole"
                        + " first label (*.example.org)",
                "bad-names.yaml:19: distributions.images.origins.app.domain: 'http://iiif.internal' is not a domain name"
                        + " (letters, digits, dots and hyphens; no scheme, port or path: those are protocolPolicy,"
                        + " httpPort/httpsPort and originPath). Fix: e.g. app.internal");
    }

    @Test
    void functionsWhoseTextCouldNotGoOnTheWireAreRefused() {
        List<String> p = problems("bad-functions.yaml");
        startEachInOrder(p,
                "bad-functions.yaml:10: functions.rewrite.setHeaders.Bad Header: 'Bad Header' is"
                        + " no header name",
                "bad-functions.yaml:10: functions.rewrite.setHeaders.X-Ok: the value holds a"
                        + " control character (LF)",
                "bad-functions.yaml:11: functions.rewrite.removeHeaders: 'Host' can't be removed",
                "bad-functions.yaml:8: functions.rewrite.uri: '/a b' holds a space or a control"
                        + " character, which a request line can't carry. Fix: percent-encode it (%20)",
                "bad-functions.yaml:9: functions.rewrite.query: 'a\\r\\nX: 1' holds a space",
                "bad-functions.yaml:13: functions.old.redirect.location: the value holds a"
                        + " control character (CR)",
                "bad-functions.yaml:15: functions.gen.respond.contentType: the value holds a"
                        + " control character (LF)");
        assertThat(p).allMatch(line -> !line.contains("\n") && !line.contains("\r"));
    }

    @Test
    void aLinkTargetOnPortZeroIsRefused() {
        assertThat(problems("bad-link-targets.yaml")).containsExactly("bad-link-targets.yaml:9: links.nlb.targets:"
                + " '127.0.0.1:0': port 0 is no target's port (it means 'any free port' only where one listens). Fix: the"
                + " port the target listens on");
    }

    @Test
    void apiAndClusterValuesThatStoppedRunAreRefusedWhenRead() {
        List<String> p = problems("bad-api-values.yaml");
        startEachInOrder(p,
                "bad-api-values.yaml:6: cluster.redis: 'redis://127.0.0.1:6379/abc': the path is"
                        + " a database number",
                "bad-api-values.yaml:15: apis.public.authorizers.jwt.audience: an empty"
                        + " audience matches no token",
                "bad-api-values.yaml:16: apis.public.authorizers.jwt.jwksUri: 'http://[bad' is"
                        + " no URL (https://...)",
                "bad-api-values.yaml:17: apis.public.authorizers.jwt.identitySource:"
                        + " '$request.querystring.t' is not where a JWT authorizer takes a token",
                "bad-api-values.yaml:24: apis.public.routes[1].integration.parameterMapping.overwrite:header.Host: an"
                        + " empty Host: the integration would refuse every request with 400",
                "bad-api-values.yaml:24: apis.public.routes[1].integration.parameterMapping.append:header.host: a"
                        + " request has one Host: append would send a second",
                "bad-api-values.yaml:10: apis.public.domains: '*': a wildcard may only be the"
                        + " whole first label (*.example.org)");
    }

    @Test
    void durationsLongerThanAHundredYearsAreRefused() {
        assertThat(problems("long-durations.yaml")).containsExactly(
                "long-durations.yaml:6: services.iiif.readTimeout: '1000000d' is longer than 36500d, the longest duration"
                        + " taken (a timer's end must be a time the clock can name). Fix: at most 36500d",
                "long-durations.yaml:9: ingress.limits.requestTimeout: '36501d' is longer than 36500d, the longest"
                        + " duration taken (a timer's end must be a time the clock can name). Fix: at most 36500d");
    }

    @Test
    void accessLogFormatNamesAreFormatsAndUnknownNamesAreRefused() {
        String names = "; names: json, combined, cloudfront; or a template of $fields: "
                + dev.forecourt.edge.observe.LogField.allowed();
        assertThat(problems("log-format.yaml")).containsExactly(
                "log-format.yaml:4: ingress.accessLog.format: 'combnied' is not a format name" + names,
                "log-format.yaml:10: distributions.images.accessLog.format: 'Combined' is not a format name (did you"
                        + " mean 'combined'?)" + names);
    }

    @Test
    void anAdminListenerBeyondLoopbackNeedsAToken() throws Exception {
        assertThat(problems("admin-open.yaml")).containsExactly(
                "admin-open.yaml:3: admin.listen: '0.0.0.0:9901' is reachable beyond this machine and there is no"
                        + " token: anyone who reaches it can invalidate every cache (POST"
                        + " /distributions/images/invalidations with /*) and send all traffic to the origins. Fix: add"
                        + " admin: {token: ...} (at least 16 random characters; invalidations then need Authorization:"
                        + " Bearer TOKEN), or listen on 127.0.0.1");
        String yaml = java.nio.file.Files.readString(file("admin-open.yaml"));
        assertThat(ConfigReader.read(Path.of("f.yaml"), yaml.replace("0.0.0.0:9901", "localhost:9901")).admin().token())
                .isNull();
        assertThat(ConfigReader.read(Path.of("f.yaml"), yaml.replace("  listen: 0.0.0.0:9901",
                "  listen: 0.0.0.0:9901\n  token: 0123456789abcdef0123")).admin().token()).isEqualTo("0123456789abcdef0123");
        assertThatThrownBy(() -> ConfigReader.read(Path.of("f.yaml"), yaml.replace("  listen: 0.0.0.0:9901",
                "  listen: 0.0.0.0:9901\n  token: secret"))).hasMessageContaining(
                "f.yaml:4: admin.token: is 6 characters; write at least 16 random ones");
        // an API whose routes cache is invalidated there too (POST /apis/NAME/invalidations): check said OK to it
        assertThat(problems("admin-open-api.yaml")).singleElement().asString().startsWith("admin-open-api.yaml:3:"
                + " admin.listen: '0.0.0.0:9901' is reachable beyond this machine and there is no token: anyone who"
                + " reaches it can invalidate every cache (POST /apis/shop/invalidations with /*)");
        String api = java.nio.file.Files.readString(file("admin-open-api.yaml"));
        assertThat(ConfigReader.read(Path.of("f.yaml"), api.replace("        cachePolicy: CachingOptimized\n", ""))
                .admin().token()).as("no cache, nothing to invalidate: no token needed").isNull();
    }

    @Test
    void nearMissesSuggestTheNameMeant() {
        List<String> p = problems("near-miss.yaml");
        assertThat(p).contains(
                "near-miss.yaml:6: services.iiif.healthcheck: unknown key 'healthcheck' (did you mean 'healthCheck'?);"
                        + " allowed here: domains, instances, app, run, healthCheck, public, loadBalancing, connectTimeout,"
                        + " readTimeout",
                "near-miss.yaml:7: services.iiif.loadBalancing: 'round-robin' is not allowed (did you mean"
                        + " 'round_robin'?); allowed: round_robin, least_request",
                "near-miss.yaml:13: distributions.images.defaultBehavior.origin: no origin named 'ap' (did you mean"
                        + " 'app'?); origins: app");
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("near-miss.yaml:13: distributions.images.defaultBehavior"
                + ".cachePolicy: no policy or function named 'Managed-CachingOptimized' (did you mean"
                + " 'CachingOptimized'?); known: CachingOptimized,"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("near-miss.yaml:15: distributions.images.behaviors[/a/*]"
                + ".cachePolicy: '216adef6-5c7f-47e4-b989-5492eafa07d3' is the cloud's ID of the managed origin request"
                + " policy AllViewer, which is not a cache policy; known: CachingOptimized,"));
        assertThat(p).hasSize(5);
    }

    @Test
    void theCloudsIdsOfManagedPoliciesAreTakenWithAWarningToWriteTheName() throws Exception {
        var checked = ConfigReader.check(file("managed-ids.yaml"));
        var b = DistributionRole.ROLE.of(checked.config()).distributions().get("images").defaultBehavior();
        assertThat(b.cachePolicy().name()).isEqualTo("CachingOptimized");
        assertThat(b.originRequestPolicy().name()).isEqualTo("AllViewerExceptHostHeader");
        assertThat(b.responseHeadersPolicy().name()).isEqualTo("CORS-With-Preflight-and-SecurityHeadersPolicy");
        assertThat(warnings("managed-ids.yaml")).containsExactly(
                "managed-ids.yaml:8: warning: distributions.images.defaultBehavior.cachePolicy:"
                        + " '658327ea-f89d-4fab-a63d-7e88639e58f6' is the cloud's ID of the managed cache policy"
                        + " CachingOptimized, used as such; write its name, which says what it does: cachePolicy:"
                        + " CachingOptimized",
                "managed-ids.yaml:9: warning: distributions.images.defaultBehavior.originRequestPolicy:"
                        + " 'b689b0a8-53d0-40ab-baf2-68738e2966ac' is the cloud's ID of the managed origin request policy"
                        + " AllViewerExceptHostHeader, used as such; write its name, which says what it does:"
                        + " originRequestPolicy: AllViewerExceptHostHeader",
                "managed-ids.yaml:10: warning: distributions.images.defaultBehavior.responseHeadersPolicy:"
                        + " 'eaab4381-ed33-4a86-88ca-d9558dc6cd63' is the cloud's ID of the managed response headers"
                        + " policy CORS-With-Preflight-and-SecurityHeadersPolicy, used as such; write its name, which says"
                        + " what it does: responseHeadersPolicy: CORS-With-Preflight-and-SecurityHeadersPolicy");
    }

    @Test
    void checkPrintsTheRulesWarningsWithFileAndLineAndExitsZero() {
        Path f = file("resolve-port.yaml");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine("check").execute("check", "--no-bind", f.toString())).isZero(); // its port may be taken here
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains(f + ":9: warning: distributions.images.origins.app.httpPort: 8080 is not used");
    }
}
