package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.iiif.imaging.JavaEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public id in info.json behind proxies: base URI, then Forwarded, then X-Forwarded-*, then Host; lists give
 * their first (client-facing) value; no default port, and never this server's own port once a proxy spoke.
 */
class PublicIdTest {
    private static Path dir;
    private static Server server;
    private static Server configured;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("iiif-ids");
        Samples.write(Samples.grid(200, 100), dir.resolve("a b.png"), "png");
        server = new Server(IiifSettings.defaults(dir), new JavaEngine());
        configured = new Server(IiifSettings.defaults(dir).withBaseUri("https://images.example.org/iiif-root/"), new JavaEngine());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        configured.close();
        Files.delete(dir.resolve("a b.png"));
        Files.delete(dir);
    }

    private static String id(Server s, String... headers) throws Exception {
        String json = new String(s.get("/iiif/3/a%20b.png/info.json", headers).body(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"id\" : \"") + 8;
        return json.substring(at, json.indexOf('"', at));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '>', value = {
            "Forwarded: for=192.0.2.1;proto=https;host=images.example.org, for=10.0.0.1;proto=http;host=internal:8182 > https://images.example.org",
            "Forwarded: proto=https;host=\"images.example.org:8443\"                > https://images.example.org:8443",
            "Forwarded: Proto=HTTPS;Host=images.example.org:443                     > https://images.example.org",
            "X-Forwarded-Proto: https, http|X-Forwarded-Host: a.example.org, b.internal > https://a.example.org",
            "X-Forwarded-Proto: https|X-Forwarded-Host: a.example.org|X-Forwarded-Port: 443 > https://a.example.org",
            "X-Forwarded-Proto: http|X-Forwarded-Host: a.example.org|X-Forwarded-Port: 8080, 80 > http://a.example.org:8080",
            "X-Forwarded-Proto: https|X-Forwarded-Host: a.example.org|X-Forwarded-Prefix: /images/ > https://a.example.org/images",
            "X-Forwarded-Host: a.example.org:80                                     > http://a.example.org",
            "Forwarded: proto=https;host=f.example.org|X-Forwarded-Host: x.example.org > https://f.example.org",
            "X-Forwarded-Host: bad host!|X-Forwarded-Proto: https                   > https://127.0.0.1",
            "X-Forwarded-Proto: gopher                                              > http://127.0.0.1:PORT",
    })
    void proxyHeadersMakeThePublicId(String headers, String base) throws Exception {
        String[] pairs = headers.trim().split("\\|");
        String[] h = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            int colon = pairs[i].indexOf(':');
            h[2 * i] = pairs[i].substring(0, colon).trim();
            h[2 * i + 1] = pairs[i].substring(colon + 1).trim();
        }
        String expected = base.trim().replace("PORT", Integer.toString(server.port())) + "/iiif/3/a%20b.png";
        assertThat(id(server, h)).isEqualTo(expected);
    }

    @Test
    void withoutProxyHeadersTheHostIsUsedAsSent() throws Exception {
        assertThat(id(server)).isEqualTo("http://127.0.0.1:" + server.port() + "/iiif/3/a%20b.png");
        assertThat(id(server, "Host", "iiif.internal:9000")).isEqualTo("http://iiif.internal:9000/iiif/3/a%20b.png");
    }

    @Test
    void theOwnPortNeverLeaksOnceAProxySpoke() throws Exception {
        assertThat(id(server, "X-Forwarded-Proto", "https")).isEqualTo("https://127.0.0.1/iiif/3/a%20b.png");
    }

    @Test
    void aConfiguredBaseUriWinsOverEveryHeader() throws Exception {
        assertThat(id(configured, "Forwarded", "proto=http;host=evil.example", "X-Forwarded-Host", "x.example"))
                .isEqualTo("https://images.example.org/iiif-root/iiif/3/a%20b.png");
        assertThat(configured.get("/iiif/3/a%20b.png").headers().firstValue("location"))
                .hasValue("https://images.example.org/iiif-root/iiif/3/a%20b.png/info.json");
    }
}
