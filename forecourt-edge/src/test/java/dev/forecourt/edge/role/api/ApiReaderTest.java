package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.Checked;
import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code apis:} as the reader and {@code check} judge it: each problem at its line, warnings for what runs badly. */
class ApiReaderTest {
    private static final Path FILE = Path.of("forecourt.yaml");

    private static List<String> problems(String yaml) {
        try {
            ConfigReader.read(FILE, yaml);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    private static List<String> warnings(String yaml) throws ConfigException {
        return ConfigReader.check(FILE, yaml).warnings();
    }

    private static String api(String routes) {
        return "apis:\n  public:\n    listen: 127.0.0.1:8080\n    routes:\n" + routes;
    }

    @Test
    void awsReservedHeadersAreRefusedInItsWordsAndHostIsAllowed() {
        List<String> p = problems(api("""
                      - route: "ANY /api/{proxy+}"
                        integration:
                          uri: http://app.internal/{proxy}
                          parameterMapping:
                            "overwrite:header.Host": app.internal
                            "append:header.X-Amz-Date": x
                            "remove:header.Authorization": "''"
                          responseParameters:
                            "200": {"overwrite:header.access-control-allow-origin": "*"}
                """));
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).startsWith("forecourt.yaml:10: apis.public.routes[0].integration.parameterMapping."
                + "append:header.X-Amz-Date: Operations on header X-Amz-Date are restricted");
        assertThat(p.get(1)).contains(":11:").contains("Operations on header Authorization are restricted");
        assertThat(p.get(2)).contains(":13:").contains("access-control-allow-origin");
    }

    @Test
    void aRequestKeepsItsHost() {
        assertThat(problems(api("""
                      - route: "ANY /api/{proxy+}"
                        integration:
                          uri: http://app.internal/{proxy}
                          parameterMapping: {"remove:header.Host": "''"}
                """))).singleElement().asString()
                .contains(":8: apis.public.routes[0].integration.parameterMapping"
                + ".remove:header.Host: a request must carry a Host");
    }

    @Test
    void aMistypedReferenceIsAProblemAndADollarBeforeAnythingElseIsText() {
        List<String> p = problems(api("""
                      - route: "ANY /api/{proxy+}"
                        integration:
                          uri: http://app.internal/{proxy}
                          parameterMapping:
                            "append:header.a": "$requst.header.foo"
                            "append:header.b": "$Context.requestId"
                            "append:header.c": "costs $5.00, ${x}, or $HOME"
                """));
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).contains(":9: ").contains("'$requst.header.foo' is no value: values are $request.*");
        assertThat(p.get(1)).contains(":10: ").contains("'$Context.requestId' is no value")
                .contains("names are case-sensitive: $context");
    }

    @Test
    void aStageVariableTheApiLacksInAnIntegrationUriIsAProblem() {
        assertThat(problems(api("""
                      - route: "GET /a"
                        integration: {uri: "http://${stageVariables.host}/a"}
                """))).singleElement().asString().contains(":6: apis.public.routes[0].integration.uri:"
                + " '${stageVariables.host}' names no stage variable of this API (it has none: stageVariables)");
    }

    @Test
    void routesMappingsAndValuesAreReadStrictly() {
        List<String> p = problems(api("""
                      - route: "GET /pets/{id}"
                        integration: {uri: "http://app.internal/pets/{petId}"}
                      - route: "GET /pets/{id}"
                        integration: {link: nlb, uri: http://x}
                      - route: "GET /a/{x+}/b"
                        integration: {uri: http://x}
                      - route: "GET /c/{id}"
                        authorizer: users
                        integration:
                          uri: http://x
                          parameterMapping:
                            "overwrite:path": "/$request.path.name"
                            "rename:header.a": b
                            "overwrite:querystring.q": "$context.nope"
                          responseParameters:
                            "2YY": {}
                            "500": {"overwrite:statuscode": "abc"}
                """));
        assertThat(String.join("\n", p))
                .contains(":6: apis.public.routes[0].integration.uri: '{petId}' is no path variable of the route 'GET /pets/{id}' (it has id)")
                .contains(":8: apis.public.routes[1].integration: give one of 'uri'")
                .contains(":9: apis.public.routes[2].route: the greedy path variable '{x+}' must be the last segment")
                .contains(":12: apis.public.routes[3].authorizer: 'users' is none of this API's authorizers (none)")
                .contains(":16: apis.public.routes[3].integration.parameterMapping.overwrite:path: the route 'GET /c/{id}' has no path variable 'name' (it has id)")
                .contains(":17: apis.public.routes[3].integration.parameterMapping.rename:header.a: 'rename:header.a' is no mapping key")
                .contains(":18:").contains("'$context.nope' is no context variable this version knows")
                .contains(":20: apis.public.routes[3].integration.responseParameters.2YY: '2YY' is no status")
                .contains(":21:").contains("'abc' is no status code");
        assertThat(problems(api("""
                      - route: "GET /a"
                        integration: {uri: http://x}
                      - route: "GET /a"
                        integration: {uri: http://y}
                """))).singleElement().asString().contains(":7:").contains("given twice");
    }

    @Test
    void authorizersAndThrottlingAreReadIntoRecords() throws Exception {
        Checked c = ConfigReader.check(FILE, """
                apis:
                  public:
                    listen: 127.0.0.1:8080
                    throttling: {rateLimit: 1000, burstLimit: 500}
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.example.org/", audience: [api], jwksUri: "https://idp.example.org/jwks.json"}
                    routes:
                      - route: "GET /me"
                        authorizer: users
                        authorizationScopes: [read]
                        throttling: {rateLimit: 0.5, burstLimit: 2, key: "$context.identity.sourceIp"}
                        integration: {uri: http://app.internal/me, timeout: 45s}
                """);
        ApiConfig a = ApiRole.ROLE.of(c.config()).apis().get("public");
        assertThat(a.throttling()).isEqualTo(new ThrottleConfig(1000, 500, null));
        AuthorizerConfig users = a.authorizers().get("users");
        assertThat(users.audience()).containsExactly("api");
        assertThat(users.identitySource().toString()).isEqualTo("$request.header.Authorization");
        RouteConfig r = a.routes().getFirst();
        assertThat(r.authorizationScopes()).containsExactly("read");
        assertThat(r.throttling().rateLimit()).isEqualTo(0.5);
        assertThat(r.throttling().key().toString()).isEqualTo("$context.identity.sourceIp");
        assertThat(c.warnings()).singleElement().asString().contains(":12: warning:")
                .contains("45000 ms is outside API Gateway's 50 ms to 30 s");
        assertThat(String.join("\n", problems("""
                apis:
                  public:
                    listen: 127.0.0.1:8080
                    throttling: {rateLimit: fast}
                    authorizers:
                      users: {type: lambda, issuer: idp, jwksUri: x, jwksFile: y}
                    routes: []
                """))).contains(":4: apis.public.throttling.rateLimit: 'fast' is not a rate")
                .contains("apis.public.throttling: 'burstLimit' is missing")
                .contains(":6: apis.public.authorizers.users.type: 'lambda' is not allowed")
                .contains("'idp' is no issuer URL").contains("at least one audience");
    }

    @Test
    void accessLogFormatsTakeAwsContextVariables() {
        assertThat(problems(api("      []\n").replace("    routes:\n      []\n",
                "    routes: []\n    accessLog: {format: '$context.requestId $context.nope'}\n")))
                .singleElement().asString().contains("the access log knows no '$context.nope'");
        assertThat(ApiLogFields.translate("{\"id\":\"$context.requestId\",\"ip\":\"${context.identity.sourceIp}\"}."))
                .isEqualTo("{\"id\":\"${api_request_id}\",\"ip\":\"${client}\"}.");
    }

    private static String seed(String integration) {
        return """
                services:
                  iiif: {domains: [iiif.internal], instances: ["127.0.0.1:8182"], public: false}
                ingress:
                  privateListen: 127.0.0.1:9443
                  tls: {certificates: []}
                links:
                  nlb: {listen: 127.0.0.1:1001, targets: ["127.0.0.1:9443"]}
                apis:
                  public:
                    listen: 127.0.0.1:8080
                    routes:
                      - route: "ANY /api/{proxy+}"
                        integration:
                """ + integration;
    }

    @Test
    void aLinkThatIsNoneOfTheFilesIsAnErrorAndTheHopsBehindItAreTheHopWalks() throws Exception {
        // TLS, SNI, Host and the path through the link are judged by check's hop walk (forecourt-cli), not here
        assertThat(warnings(seed("""
                          link: nlb
                          tls: {}
                """))).isEmpty();
        assertThat(String.join("\n", problems(seed("""
                          link: nlbb
                """)))).contains("apis.public.routes[0].integration.link: 'nlbb' is none of this file's links (nlb)");
    }
}
