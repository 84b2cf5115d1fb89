package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.http.Limits;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An ingress told to trust one peer ({@code trustForwardedFrom: [127.0.0.2/32]}) keeps that peer's X-Forwarded-*
 * and replaces everyone else's, here 127.0.0.1's (both are loopback addresses, so the test can be either peer).
 */
class IngressTrustTest {
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        IngressConfig ingress = new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT,
                List.of(Cidr.parse("127.0.0.2/32")));
        f = Forecourt.start(Configs.of(Path.of("test.yaml"), Map.of(),
                Map.of("iiif", echo("iiif", List.of("iiif.internal"), true)), ingress, new AdminConfig("127.0.0.1:0")), 1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aTrustedPeersForwardingHeadersAreKept() throws Exception {
        String body = from("127.0.0.2", "X-Forwarded-Host", "images.example.org", "X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.7", "X-Original-URL", "/rewritten");
        assertThat(body).contains("\"x-forwarded-host\":\"images.example.org\"", "\"x-forwarded-proto\":\"https\"",
                "\"x-forwarded-for\":\"203.0.113.7, 127.0.0.2\"", "\"x-original-url\":\"/rewritten\"");
    }

    @Test
    void anyOtherPeersAreReplacedByTheIngressOwnAndItsOverridesDropped() throws Exception {
        String body = from("127.0.0.1", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7", "X-Original-URL", "/admin",
                "X-Rewrite-URL", "/admin", "X-Host", "evil.example");
        assertThat(body).contains("\"x-forwarded-host\":\"iiif.internal\"", "\"x-forwarded-proto\":\"http\"",
                "\"x-forwarded-for\":\"127.0.0.1\"", "\"forwarded\":\"for=127.0.0.1;host=iiif.internal;proto=http\"")
                .doesNotContain("evil.example", "203.0.113.7", "/admin");
    }

    /** Sends from {@code source} (a local address the client binds) and answers what the echo app received. */
    private static String from(String source, String... headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(source))
                .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.address("ingress").getPort() + "/"))
                .header("Host", "iiif.internal").timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try (client) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
