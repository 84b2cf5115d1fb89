package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.TestCerts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP API through real sockets: the seed's route through a link to the ingress, stages, errors, mappings. */
class ApiTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    @TempDir Path dir;

    private Forecourt start(String yaml) throws Exception {
        return Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The platform (an echo service on the ingress's private listener) and a link to it, at fixed ports. */
    static String platform(int ingress, int link, String tls) {
        return """
                services:
                  iiif: {domains: [iiif.internal], app: {echo: {}}, public: false}
                ingress:
                  privateListen: 127.0.0.1:%d
                  accessLog: off
                %slinks:
                  nlb: {listen: 127.0.0.1:%d, targets: ["127.0.0.1:%d"], accessLog: off}
                """.formatted(ingress, tls, link, ingress);
    }

    /** The platform behind its link and an API whose one route is the seed's, access log off. */
    private static String seedApi() throws Exception {
        return platform(freePort(), freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                """ + SEED_ROUTE;
    }

    static HttpResponse<String> send(Forecourt f, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.address("api-public").getPort()
                + path)).timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String SEED_ROUTE = """
                  - route: "ANY /api/{proxy+}"
                    integration:
                      link: nlb
                      parameterMapping:
                        "overwrite:path": "/$request.path.proxy"
                        "overwrite:header.Host": iiif.internal
                        "append:header.x-api-request": "$context.requestId"
            """;

    @Test
    void aRequestTheApisConnectionRefusesIsAnsweredInItsJsonWithOurHeadersBeside() throws Exception {
        String yaml = """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "GET /x"
                        integration: {uri: "http://127.0.0.1:9/"}
                """;
        try (Forecourt f = start(yaml)) {
            for (String[] c : new String[][] {
                    {"GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "400", "Bad Request", "bad_request"},
                    {"GET /x HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(70_000) + "\r\n\r\n", "431",
                            "Request Header Fields Too Large", "request_header_too_large"}}) {
                String answer;
                try (dev.forecourt.http.RawHttp raw = new dev.forecourt.http.RawHttp(f.address("api-public"))) {
                    answer = raw.send(c[0]).readUntilClose();
                }
                assertThat(answer).startsWith("HTTP/1.1 " + c[1] + " ").containsIgnoringCase("content-type: application/json")
                        .containsIgnoringCase("forecourt-error: " + c[3]).containsIgnoringCase("forecourt-hop: api/public")
                        .containsIgnoringCase("forecourt-detail: ").endsWith("\r\n\r\n{\"message\":\"" + c[2] + "\"}");
            }
        }
    }

    @Test
    void theSeedsRouteReachesTheAppThroughTheLinkWithItsPathAndHost() throws Exception {
        String yaml = seedApi();
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> r = send(f, "GET", "/api/iiif/3/a%20b/info.json?x=1");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"path\":\"/iiif/3/a%20b/info.json?x=1\"").contains("\"host\":\"iiif.internal\"");
            String id = r.headers().firstValue("apigw-requestid").orElseThrow();
            assertThat(id).matches("[A-Za-z0-9+/]{15}=");
            assertThat(r.body()).contains("\"x-api-request\":\"" + id + "\"");
            assertThat(r.body()).as("the app learns the API's own Host").contains("\"x-forwarded-host\":\"127.0.0.1:");
        }
    }

    @Test
    void noRouteIsAwsBodyWithOurHeadersBeside() throws Exception {
        String yaml = seedApi();
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> r = send(f, "GET", "/other");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(r.headers().firstValue("content-type")).contains("application/json");
            assertThat(r.headers().firstValue("forecourt-error")).contains("no_route");
            assertThat(r.headers().firstValue("forecourt-hop")).contains("api/public");
            assertThat(r.headers().firstValue("forecourt-detail").orElseThrow())
                    .contains("GET /other").contains("ANY /api/{proxy+}");
            assertThat(r.headers().firstValue("apigw-requestid")).isPresent();
            assertThat(send(f, "GET", "/api").statusCode()).as("a greedy variable takes a segment or more").isEqualTo(404);
        }
    }

    @Test
    void aNamedStageIsStrippedForRoutingAndSentOnThroughALink() throws Exception {
        String yaml = platform(freePort(), freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    stage: prod
                    routes:
                      - route: "GET /pets/{id}"
                        integration:
                          link: nlb
                          parameterMapping: {"overwrite:header.Host": iiif.internal, "append:header.x-stage": "$context.stage"}
                """;
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> r = send(f, "GET", "/prod/pets/7");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"path\":\"/prod/pets/7\"").contains("\"x-stage\":\"prod\"");
            HttpResponse<String> outside = send(f, "GET", "/pets/7");
            assertThat(outside.statusCode()).isEqualTo(404);
            assertThat(outside.body()).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(outside.headers().firstValue("forecourt-detail").orElseThrow()).contains("stage");
            assertThat(send(f, "GET", "/production/pets/7").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aHostMappedFromAVariableThatIsEmptyKeepsTheHostItHad() throws Exception {
        int ingress = freePort();
        String yaml = "resolve: {iiif.internal: \"127.0.0.1:" + ingress + "\"}\n" + platform(ingress, freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "GET /pets"
                        integration:
                          uri: http://iiif.internal/pets
                          parameterMapping: {"overwrite:header.Host": "$request.header.x-target"}
                """;
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> kept = send(f, "GET", "/pets");
            assertThat(kept.statusCode()).as("no x-target: not an empty Host, which the platform refuses with 400")
                    .isEqualTo(200);
            assertThat(kept.body()).contains("\"host\":\"iiif.internal\"");
            HttpResponse<String> mapped = send(f, "GET", "/pets", "x-target", "elsewhere.internal");
            assertThat(mapped.statusCode()).as("the mapped Host, which the platform has no service for").isEqualTo(404);
        }
    }

    @Test
    void aUriIntegrationGetsItsPathWithVariablesItsHostAndTheQuery() throws Exception {
        int ingress = freePort();
        String yaml = "resolve: {iiif.internal: \"127.0.0.1:" + ingress + "\"}\n" + platform(ingress, freePort(), "") + """
                stageVariables: {}
                """.replace("stageVariables: {}\n", "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    stageVariables: {env: blue}
                    routes:
                      - route: "GET /pets/{kind}/{proxy+}"
                        integration:
                          uri: http://iiif.internal/store/{kind}/{proxy}
                          parameterMapping:
                            "append:header.header2": "$request.header.header1"
                            "remove:header.header1": "''"
                            "append:querystring.env": "${stageVariables.env}-${request.path.kind}"
                            "remove:querystring.secret": "''"
                          responseParameters:
                            "200": {"overwrite:statuscode": "202", "append:header.x-route": "$context.routeKey",
                                    "overwrite:header.server": "pets"}
                            "5XX": {"append:header.x-never": "x"}
                      - route: "GET /staged/{proxy+}"
                        integration: {uri: "http://iiif.internal/${stageVariables.env}/{proxy}"}
                      - route: "$default"
                        integration: {uri: http://iiif.internal/base}
                """;
        try (Forecourt f = start(yaml)) {
            assertThat(send(f, "GET", "/staged/x").body()).as("a stage variable in the uri")
                    .contains("\"path\":\"/blue/x\"");
            HttpResponse<String> r = send(f, "GET", "/pets/dog/a/b%20c?secret=1&q=%C3%BC", "header1", "v1");
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.headers().firstValue("x-route")).contains("GET /pets/{kind}/{proxy+}");
            assertThat(r.headers().firstValue("server")).contains("pets");
            assertThat(r.headers().firstValue("x-never")).isEmpty();
            assertThat(r.body()).contains("\"path\":\"/store/dog/a/b%20c?q=%C3%BC&env=blue-dog\"")
                    .contains("\"host\":\"iiif.internal\"").contains("\"header2\":\"v1\"").doesNotContain("header1");
            HttpResponse<String> d = send(f, "POST", "/any/where?z=1");
            assertThat(d.body()).as("$default: the whole path after the uri's").contains("\"path\":\"/base/any/where?z=1\"");
        }
    }

    @Test
    void aDrainDoesNotWaitForTheApisOwnConnectionsThroughItsLink() throws Exception {
        // the drain waits for relayed connections; the integration's pooled one through the VPC link is one, idle,
        // and its own: closed once the requests are done, so the drain ends at once, not at its timeout
        String yaml = seedApi();
        try (Forecourt f = start(yaml)) {
            assertThat(send(f, "GET", "/api/x").statusCode()).isEqualTo(200);
            long t0 = System.nanoTime();
            f.drain(Duration.ofSeconds(10));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        }
    }

    @Test
    void integrationFailuresAreAwsAnswersWithOurTypesBeside() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String yaml = """
                    apis:
                      public:
                        listen: 127.0.0.1:0
                        accessLog: off
                        routes:
                          - route: "GET /dead"
                            integration: {uri: "http://127.0.0.1:%d/"}
                          - route: "GET /slow"
                            integration: {uri: "http://127.0.0.1:%d/", timeout: 300ms}
                    """.formatted(freePort(), silent.getLocalPort());
            try (Forecourt f = start(yaml)) {
                HttpResponse<String> dead = send(f, "GET", "/dead");
                assertThat(dead.statusCode()).isEqualTo(503);
                assertThat(dead.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
                assertThat(dead.headers().firstValue("forecourt-error")).contains("upstream_connect_failure");
                assertThat(dead.headers().firstValue("apigw-requestid")).isPresent();
                HttpResponse<String> slow = send(f, "GET", "/slow");
                assertThat(slow.statusCode()).isEqualTo(503);
                assertThat(slow.headers().firstValue("forecourt-error")).contains("upstream_timeout");
            }
        }
    }

    @Test
    void corsPreflightsAreAnsweredByTheGateway() throws Exception {
        // a backend that reflects any Origin, with credentials, as careless ones do
        HttpServer reflecting = backend(e -> {
            String origin = e.getRequestHeaders().getFirst("Origin");
            e.getResponseHeaders().set("Access-Control-Allow-Origin", origin == null ? "*" : origin);
            e.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
            e.sendResponseHeaders(200, -1);
            e.close();
        });
        try {
            corsPreflightsAreAnsweredByTheGateway(reflecting.getAddress().getPort());
        } finally {
            reflecting.stop(0);
        }
    }

    /** An integration of the test's own on 127.0.0.1 (stop it when done). */
    private static HttpServer backend(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    @Test
    void aStatusMappedFromTheAnswerIsTakenOnlyWhenItIsAFinalOne() throws Exception {
        // "100" written in the file is refused by the reader; from a value, it was sent, and the client waited for
        // a final answer that never came
        HttpServer status = backend(e -> {
            e.getResponseHeaders().set("x-st", e.getRequestURI().getQuery());
            e.sendResponseHeaders(404, -1);
            e.close();
        });
        String yaml = platform(freePort(), freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "GET /status"
                        integration:
                          uri: "http://127.0.0.1:%d/s"
                          responseParameters:
                            "404": {"overwrite:statuscode": "$response.header.x-st"}
                """.formatted(status.getAddress().getPort());
        try (Forecourt f = start(yaml)) {
            assertThat(send(f, "GET", "/status?410").statusCode()).isEqualTo(410);
            assertThat(send(f, "GET", "/status?100").statusCode()).as("no final status: the answer's own").isEqualTo(404);
            assertThat(send(f, "GET", "/status?199").statusCode()).isEqualTo(404);
            assertThat(send(f, "GET", "/status?600").statusCode()).isEqualTo(404);
        } finally {
            status.stop(0);
        }
    }

    private void corsPreflightsAreAnsweredByTheGateway(int reflecting) throws Exception {
        String yaml = platform(freePort(), freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    cors: {allowOrigins: ["https://app.example.org"], allowMethods: [GET, POST], maxAge: 300,
                           exposeHeaders: [x-id]}
                    routes:
                      - route: "GET /reflecting"
                        integration: {uri: "http://127.0.0.1:%d/r"}
                """.formatted(reflecting) + SEED_ROUTE;
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> pre = send(f, "OPTIONS", "/api/x", "Origin", "https://app.example.org",
                    "Access-Control-Request-Method", "POST");
            assertThat(pre.statusCode()).isEqualTo(204);
            assertThat(pre.headers().firstValue("access-control-allow-origin")).contains("https://app.example.org");
            assertThat(pre.headers().firstValue("access-control-allow-methods")).contains("GET, POST");
            assertThat(pre.headers().firstValue("access-control-max-age")).contains("300");
            assertThat(pre.headers().firstValue("apigw-requestid")).isPresent();
            HttpResponse<String> get = send(f, "GET", "/api/x", "Origin", "https://app.example.org");
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("access-control-allow-origin")).contains("https://app.example.org");
            assertThat(get.headers().firstValue("access-control-expose-headers")).contains("x-id");
            HttpResponse<String> other = send(f, "GET", "/api/x", "Origin", "https://evil.example");
            assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
            // the integration's own CORS headers are ignored, as API Gateway ignores them: for any origin, or none
            for (String origin : new String[] {"https://evil.example", "https://app.example.org", null}) {
                HttpResponse<String> r = origin == null ? send(f, "GET", "/reflecting")
                        : send(f, "GET", "/reflecting", "Origin", origin);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().allValues("access-control-allow-origin")).as(origin)
                        .isEqualTo("https://app.example.org".equals(origin) ? List.of(origin) : List.of());
                assertThat(r.headers().firstValue("access-control-allow-credentials")).as(origin).isEmpty();
            }
        }
    }

    @Test
    void theGatewaysOwnErrorsCarryTheCorsHeadersTooSoThatAPageCanReadThem() throws Exception {
        // a 429, a 404 no_route or a 503 without them reaches a page as a bare network error, its status unreadable
        int closed = freePort();
        String yaml = """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    cors: {allowOrigins: ["https://app.example.org"], exposeHeaders: [x-id]}
                    routes:
                      - route: "GET /down"
                        integration: {uri: "http://127.0.0.1:%d"}
                      - route: "GET /scarce"
                        throttling: {rateLimit: 0.001, burstLimit: 1}
                        integration: {uri: "http://127.0.0.1:%d"}
                """.formatted(closed, closed);
        try (Forecourt f = start(yaml)) {
            send(f, "GET", "/scarce"); // the one token of the bucket
            for (Map.Entry<String, Integer> e : List.of(Map.entry("/down", 503), Map.entry("/scarce", 429),
                    Map.entry("/nothing", 404))) {
                HttpResponse<String> r = send(f, "GET", e.getKey(), "Origin", "https://app.example.org");
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(r.headers().firstValue("access-control-allow-origin")).as(e.getKey())
                        .contains("https://app.example.org");
                assertThat(r.headers().firstValue("access-control-expose-headers")).as(e.getKey()).contains("x-id");
                assertThat(r.headers().firstValue("forecourt-error")).as(e.getKey()).isPresent();
                HttpResponse<String> other = send(f, "GET", e.getKey(), "Origin", "https://evil.example");
                assertThat(other.headers().firstValue("access-control-allow-origin")).as(e.getKey()).isEmpty();
            }
        }
    }

    @Test
    void theAccessLogTakesAwsContextVariablesInAJsonTemplate() throws Exception {
        Path log = dir.resolve("api.log");
        String yaml = platform(freePort(), freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog:
                      path: %s
                      format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","routeKey":"$context.routeKey","path":"$context.path","protocol":"$context.protocol","status":"$context.status","len":"$context.responseLength","integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integrationStatus","error":"$context.error.message","type":"$context.error.responseType"}'
                    routes:
                """.formatted(log) + SEED_ROUTE;
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> ok = send(f, "GET", "/api/a?b=1");
            HttpResponse<String> missing = send(f, "GET", "/nothing");
            String id = ok.headers().firstValue("apigw-requestid").orElseThrow();
            String lines = waitForLines(log, 2);
            assertThat(lines).contains("{\"requestId\":\"" + id + "\",\"ip\":\"127.0.0.1\",\"method\":\"GET\","
                    + "\"routeKey\":\"ANY /api/{proxy+}\",\"path\":\"/api/a\",\"protocol\":\"HTTP/1.1\",\"status\":\"200\"");
            assertThat(lines).contains("\"integrationStatus\":\"200\",\"error\":\"-\",\"type\":\"-\"}");
            assertThat(lines).contains("\"requestId\":\"" + missing.headers().firstValue("apigw-requestid").orElseThrow()
                    + "\"").contains("\"status\":\"404\"").contains("\"error\":\"Not Found\",\"type\":\"RESOURCE_NOT_FOUND\"");
        }
    }

    static String waitForLines(Path log, int n) throws Exception {
        long until = System.nanoTime() + 5_000_000_000L;
        while (true) {
            String s = Files.exists(log) ? Files.readString(log) : "";
            if (s.lines().count() >= n || System.nanoTime() > until) return s;
            Thread.sleep(20);
        }
    }

    @Test
    void tlsToAPrivateListenerNeedsTheServerNameToVerify() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "iiif.internal");
        String tls = "  tls: {certificates: [{cert: " + cert.cert() + ", key: " + cert.key() + "}]}\n";
        String yaml = platform(freePort(), freePort(), tls) + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    routes:
                      - route: "ANY /api/{proxy+}"
                        integration:
                          link: nlb
                          tls: {serverNameToVerify: iiif.internal, caFile: %s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                      - route: "ANY /nosni/{proxy+}"
                        integration:
                          link: nlb
                          tls: {caFile: %s}
                          parameterMapping: {"overwrite:path": "/$request.path.proxy", "overwrite:header.Host": iiif.internal}
                """.formatted(cert.cert(), cert.cert());
        try (Forecourt f = start(yaml)) {
            HttpResponse<String> r = send(f, "GET", "/api/x");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as("TLS to the ingress").contains("host=iiif.internal;proto=https");
            HttpResponse<String> noSni = send(f, "GET", "/nosni/x");
            assertThat(noSni.statusCode()).as("the seed's 503").isEqualTo(503);
            assertThat(noSni.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
            assertThat(noSni.headers().firstValue("forecourt-error")).contains("upstream_tls_failure");
        }
    }

    @Test
    void anAuthorizerWithoutKeysIsRefusedBeforeAnythingRuns() {
        String yaml = """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.example.org/", audience: [api]}
                    routes:
                      - route: "GET /me"
                        authorizer: users
                        integration: {uri: "http://127.0.0.1:9/"}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(yaml).close())
                .isInstanceOf(dev.forecourt.edge.config.ConfigException.class)
                .hasMessageContaining("forecourt.yaml:6: apis.public.authorizers.users: where are the issuer's keys?");
    }
}
