package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.Checked;
import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code domainNames:} as the reader and {@code check} judge it: each problem at its line, overlaps as warnings. */
class DomainNamesReaderTest {
    private static final Path FILE = Path.of("forecourt.yaml");
    private static final String APIS = """
            apis:
              orders:
                routes:
                  - route: "GET /orders/{id}"
                    integration: {uri: "http://app.internal/orders/{id}"}
                  - route: "ANY /{proxy+}"
                    integration: {uri: http://app.internal}
              items:
                listen: 127.0.0.1:8080
                routes:
                  - route: "GET /{id}"
                    integration: {uri: "http://app.internal/items/{id}"}
            """;

    private static String problems(String yaml) {
        try {
            ConfigReader.read(FILE, yaml);
            return "";
        } catch (ConfigException e) {
            return String.join("\n", e.problems());
        }
    }

    @Test
    void domainsAndMappingsAreReadIntoRecords() throws Exception {
        Checked c = ConfigReader.check(FILE, APIS + """
                domainNames:
                  api.example.org:
                    listen: 127.0.0.1:8443
                    apiMappings: {"": orders, v2/items: items}
                """);
        DomainNameConfig d = ApiRole.ROLE.of(c.config()).domainNames().get("api.example.org");
        assertThat(d.listen()).isEqualTo("127.0.0.1:8443");
        assertThat(d.apiMappings()).containsExactly(java.util.Map.entry("", "orders"), java.util.Map.entry("v2/items", "items"));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtItsLine() {
        String p = problems(APIS + """
                domainNames:
                  "api.example.org:443":
                    listen: 127.0.0.1:8443
                    apiMappings: {v1: orders}
                  api.example.org:
                    listen: 127.0.0.1:8443
                    apiMappings:
                      /v1: orders
                      v1/../x: orders
                      v2: order
                      "a b": items
                  API.example.org:
                    listen: 127.0.0.1:8443
                    apiMappings: {v3: items}
                  shop.example.org:
                    listen: 127.0.0.1:8443
                    tls: {certificates: [], minimumProtocol: TLSv1.3}
                    apiMappings: {v4: items}
                  solo.example.org:
                    listen: 127.0.0.1:8080
                  bare.example.org:
                    apiMappings: {v5: items}
                """);
        assertThat(p).contains("forecourt.yaml:14: domainNames.api.example.org:443: 'api.example.org:443' is no domain name")
                .contains(":20: domainNames.api.example.org.apiMappings./v1: '/v1' is no mapping path")
                .contains(":21: domainNames.api.example.org.apiMappings.v1/../x: 'v1/../x' has a '..' segment")
                .contains(":22: domainNames.api.example.org.apiMappings.v2: 'order' is none of this file's APIs")
                .contains("(did you mean 'orders'?)")
                .contains(":23: domainNames.api.example.org.apiMappings.a b: 'a b' is no mapping path")
                .contains(":24: domainNames.API.example.org: 'API.example.org' is 'api.example.org' again")
                .contains(":28: domainNames.shop.example.org.listen: the domain 'api.example.org' listens on 127.0.0.1:8443"
                        + " too, with other tls or limits")
                .contains(":32: domainNames.solo.example.org.listen: the API 'items' listens on 127.0.0.1:8080 itself")
                .contains(":32: domainNames.solo.example.org: 'apiMappings' is missing")
                .contains(":34: domainNames.bare.example.org: 'listen' is missing");
        assertThat(problems("""
                apis:
                  lonely:
                    routes:
                      - route: "GET /x"
                        integration: {uri: http://app.internal}
                """)).contains(":2: apis.lonely: 'listen' is missing").contains("or map the API from a custom domain");
    }

    @Test
    void checkWarnsWhereALongerMappingHidesTheRoutesOfAShorterOnesApi() throws Exception {
        List<String> w = ConfigReader.check(FILE, APIS + """
                domainNames:
                  api.example.org:
                    listen: 127.0.0.1:8443
                    apiMappings:
                      "": orders
                      orders: items
                      v1: items
                """).warnings();
        assertThat(w).singleElement().asString()
                .contains(":18: warning: domainNames.api.example.org.apiMappings.orders: this mapping takes every path"
                        + " under /orders to the API 'items', so the API 'orders' (mapped at \"\") never sees /orders...")
                .contains("its route GET /orders/{id} there is never reached");
    }
}
