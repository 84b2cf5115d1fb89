package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom domain names with API mappings through real sockets: the Host picks the domain, the longest mapping the API,
 * the mapping's path is off what its routes see (and still sent through a link), AWS's 404 outside every mapping.
 */
class ApiDomainTest {
    @TempDir Path dir;

    /** A route's mapping headers that tell the echo app which API, stage and domain it came through. */
    private static final String TOLD = "\"overwrite:header.Host\": iiif.internal, \"append:header.x-api\": \"$context.apiId\","
            + " \"append:header.x-stage\": \"$context.stage\", \"append:header.x-domain\": \"$context.domainName\","
            + " \"append:header.x-prefix\": \"$context.domainPrefix\", \"append:header.x-seen\": \"$request.path\"";

    private String yaml(Path log) throws Exception {
        return ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + """
                apis:
                  root:
                    accessLog: {path: %s, format: '$context.domainName $context.domainPrefix $context.path "$context.routeKey" $context.status $context.stage'}
                    routes:
                      - route: "ANY /{proxy+}"
                        integration: {link: nlb, parameterMapping: {%2$s}}
                  pets:
                    stage: prod
                    accessLog: off
                    routes:
                      - route: "GET /pets/{id}"
                        integration: {link: nlb, parameterMapping: {%2$s}}
                  orders:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "GET /{id}"
                        integration: {link: nlb, parameterMapping: {"overwrite:path": "$request.path", %2$s}}
                domainNames:
                  api.example.org:
                    listen: 127.0.0.1:0
                    accessLog: off
                    apiMappings:
                      "": root
                      v1: pets
                      v1/orders: orders
                  Shop.example.org:
                    listen: 127.0.0.1:0
                    accessLog: off
                    apiMappings:
                      v2: orders
                  "*.example.net":
                    listen: 127.0.0.1:0
                    accessLog: off
                    apiMappings: {"": root}
                """.formatted(log, TOLD);
    }

    private static HttpResponse<String> send(Forecourt f, String host, String path) throws Exception {
        return ApiTest.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + f.address("domain-api.example.org").getPort() + path)).timeout(Duration.ofSeconds(5))
                .header("Host", host).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLongestMappingPicksTheApiAndItsPathIsOffWhatTheRoutesSee() throws Exception {
        Path log = dir.resolve("root.log");
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml(log)), 1)) {
            HttpResponse<String> pets = send(f, "api.example.org", "/v1/pets/7");
            assertThat(pets.statusCode()).isEqualTo(200);
            assertThat(pets.body()).as("the mapping names the stage: no /prod in the path; a link gets it as it arrived")
                    .contains("\"path\":\"/v1/pets/7\"", "\"x-api\":\"pets\"", "\"x-stage\":\"prod\"",
                            "\"x-domain\":\"api.example.org\"", "\"x-prefix\":\"api\"", "\"x-seen\":\"/pets/7\"");
            assertThat(String.join(", ", pets.headers().allValues("via"))).contains("api-pets");
            assertThat(pets.headers().firstValue("apigw-requestid")).isPresent();

            HttpResponse<String> orders = send(f, "api.example.org", "/v1/orders/42?x=1");
            assertThat(orders.body()).as("v1/orders is longer than v1").contains("\"x-api\":\"orders\"",
                    "\"path\":\"/42?x=1\"");

            HttpResponse<String> rest = send(f, "api.example.org:8443", "/v1orders/a");
            assertThat(rest.body()).as("a mapping takes whole segments; the rest goes to \"\"")
                    .contains("\"x-api\":\"root\"", "\"path\":\"/v1orders/a\"");

            HttpResponse<String> noRoute = send(f, "api.example.org", "/v1/elsewhere");
            assertThat(noRoute.statusCode()).as("v1 took it: the pets API has no such route").isEqualTo(404);
            assertThat(noRoute.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(noRoute.headers().firstValue("forecourt-hop")).hasValue("api/pets");

            assertThat(send(f, "api.example.org", "/v1/../admin").statusCode()).as("a dot segment after the mapping")
                    .isEqualTo(400);
            assertThat(send(f, "API.Example.ORG:8443", "/v1/pets/8").body()).as("the Host without case and port")
                    .contains("\"x-api\":\"pets\"");

            HttpResponse<String> own = ApiTest.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + f.address("api-orders").getPort() + "/42")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(own.body()).as("the API's own listener still serves it").contains("\"x-api\":\"orders\"",
                    "\"path\":\"/42\"");

            String lines = ApiTest.waitForLines(log, 1);
            assertThat(lines).as("domainName without the Host's port").contains("api.example.org api /v1orders/a"
                    + " \"ANY /{proxy+}\" 200 $default");
        }
    }

    @Test
    void domainsShareAListenerAndAnswerAwsNotFoundOutsideEveryMapping() throws Exception {
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml(dir.resolve("r.log"))),
                1)) {
            assertThat(send(f, "shop.example.org", "/v2/9").body()).as("the second domain on the same listener")
                    .contains("\"x-api\":\"orders\"", "\"path\":\"/9\"", "\"x-domain\":\"shop.example.org\"");

            assertThat(send(f, "eu.example.net", "/x").body()).as("a wildcard domain")
                    .contains("\"x-api\":\"root\"", "\"x-domain\":\"eu.example.net\"", "\"x-prefix\":\"eu\"");

            HttpResponse<String> outside = send(f, "shop.example.org", "/v1/pets/7");
            assertThat(outside.statusCode()).isEqualTo(404);
            assertThat(outside.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(outside.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(outside.headers().firstValue("forecourt-error")).hasValue("no_route");
            assertThat(outside.headers().firstValue("forecourt-hop")).hasValue("domainName/Shop.example.org");
            assertThat(outside.headers().firstValue("forecourt-detail").orElseThrow()).contains("/v1/pets/7", "v2 (orders)");
            assertThat(outside.headers().firstValue("apigw-requestid")).isPresent();

            HttpResponse<String> stranger = send(f, "other.example.org", "/v1/pets/7");
            assertThat(stranger.statusCode()).isEqualTo(404);
            assertThat(stranger.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(stranger.headers().firstValue("forecourt-detail").orElseThrow())
                    .contains("other.example.org", "api.example.org, Shop.example.org, *.example.net");
        }
    }

    @Test
    void aDomainWithTlsServesItsCertificate() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "localhost");
        String yaml = ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + """
                apis:
                  public:
                    accessLog: off
                    routes:
                      - route: "GET /hello"
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                domainNames:
                  localhost:
                    listen: 127.0.0.1:0
                    tls: {certificates: [{cert: %s, key: %s}]}
                    accessLog: off
                    apiMappings: {api: public}
                """.formatted(cert.cert(), cert.key());
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1)) {
            HttpClient client = HttpClient.newBuilder().sslContext(TestCerts.trusting(cert.cert()))
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + f.address("domain-localhost").getPort() + "/api/hello")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"path\":\"/api/hello\"", "proto=https");
        }
    }
}
