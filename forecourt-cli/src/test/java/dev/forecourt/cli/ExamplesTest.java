package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files in examples/ are valid, and the seed example runs and behaves as its comments say. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyExampleIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path p : files) {
            ConfigReader.read(p);
        }
    }

    @Test
    void theSeedIngressExampleRoutesByHostAndExplainsUnknownHosts() throws Exception {
        String yaml = Files.readString(EXAMPLES.resolve("seed-ingress.yaml")).replace("127.0.0.1:9000", "127.0.0.1:0")
                .replace("127.0.0.1:9001", "127.0.0.1:0").replace("127.0.0.1:9901", "127.0.0.1:0")
                .replaceAll("(?m)^  accessLog:\\n    format: .*$", "  accessLog: off");
        Config c = ConfigReader.read(EXAMPLES.resolve("seed-ingress.yaml"), yaml);
        try (Forecourt f = Forecourt.start(c, 1)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + f.address("ingress").getPort() + "/";
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base)).header("Host", "iiif.internal").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("server")).hasValue("envoy");
            HttpResponse<String> miss = client.send(HttpRequest.newBuilder(URI.create(base)).header("Host", "images.example.org").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.headers().firstValue("forecourt-error")).hasValue("no_route");
            assertThat(miss.body()).contains("iiif.internal", "*.iiif.localhost").doesNotContain("api.internal");
        }
    }

    @Test
    void theSeedLinkExampleCarriesTheClientsAddressToThePrivateListener() throws Exception {
        int privateListen;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            privateListen = free.getLocalPort();
        }
        String yaml = Files.readString(EXAMPLES.resolve("seed-link.yaml")).replace("127.0.0.1:9001", "127.0.0.1:" + privateListen)
                .replace("127.0.0.1:1001", "127.0.0.1:0");
        Config c = ConfigReader.read(EXAMPLES.resolve("seed-link.yaml"), yaml);
        try (Forecourt f = Forecourt.start(c, 1)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> through = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + f.address("link-nlb").getPort() + "/")).header("Host", "api.internal").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(through.statusCode()).isEqualTo(200);
            assertThat(through.headers().firstValue("via")).hasValue("1.1 ingress-private (forecourt)");
            assertThat(through.body()).contains("\"x-forwarded-for\":\"127.0.0.1\"");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + privateListen + "/")).header("Host", "api.internal").build(),
                    HttpResponse.BodyHandlers.ofString()))).as("no PROXY header: closed").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void theSeedApiExampleRewritesPathAndHostThroughTheLink() throws Exception {
        int privateListen;
        int link;
        try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket b = new java.net.ServerSocket(0)) {
            privateListen = a.getLocalPort();
            link = b.getLocalPort();
        }
        String yaml = Files.readString(EXAMPLES.resolve("seed-api.yaml")).replace("127.0.0.1:9002", "127.0.0.1:" + privateListen)
                .replace("127.0.0.1:1002", "127.0.0.1:" + link).replace("127.0.0.1:8080", "127.0.0.1:0")
                .replaceAll("accessLog: \\{format: .*", "accessLog: off");
        Config c = ConfigReader.read(EXAMPLES.resolve("seed-api.yaml"), yaml);
        try (Forecourt f = Forecourt.start(c, 1)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + f.address("api-public").getPort();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/api/iiif/3/info.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"path\":\"/iiif/3/info.json\"").contains("\"host\":\"iiif.internal\"");
            assertThat(ok.body()).contains("\"x-api-request-id\":\"" + ok.headers().firstValue("apigw-requestid").orElseThrow());
            HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(none.headers().firstValue("forecourt-detail").orElseThrow()).contains("ANY /api/{proxy+}");
        }
    }

    @Test
    void theSeedDistributionExampleShowsBothOriginRequestPolicies() throws Exception {
        int ingress;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            ingress = free.getLocalPort();
        }
        String yaml = Files.readString(EXAMPLES.resolve("seed-distribution.yaml"))
                .replace("127.0.0.1:9000", "127.0.0.1:" + ingress).replace("httpPort: 9000", "httpPort: " + ingress)
                .replace("127.0.0.1:8443", "127.0.0.1:0").replace("127.0.0.1:9901", "127.0.0.1:0");
        Config c = ConfigReader.read(EXAMPLES.resolve("seed-distribution.yaml"), yaml);
        try (Forecourt f = Forecourt.start(c, 1)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + f.address("distribution-images").getPort();
            HttpResponse<String> all = client.send(HttpRequest.newBuilder(URI.create(base + "/allviewer/x"))
                    .header("Host", "images.example.org").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(all.statusCode()).isEqualTo(404);
            assertThat(all.headers().firstValue("forecourt-hop")).hasValue("ingress/public");
            HttpResponse<String> app = client.send(HttpRequest.newBuilder(URI.create(base + "/iiif/3/a/info.json"))
                    .header("Host", "images.example.org").header("Origin", "https://viewer.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.body()).contains("\"host\":\"iiif.internal\"", "\"x-forwarded-host\":\"images.example.org\"");
            assertThat(app.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(app.headers().firstValue("server")).isEmpty();
            HttpResponse<String> old = client.send(HttpRequest.newBuilder(URI.create(base + "/old/a.jpg"))
                    .header("Host", "images.example.org").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(old.statusCode()).isEqualTo(301);
            assertThat(old.headers().firstValue("location")).hasValue("https://images.example.org/iiif/3/old/a.jpg");
        }
    }
}
