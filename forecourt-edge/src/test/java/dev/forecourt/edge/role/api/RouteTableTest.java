package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API's route choice, from the AWS developer guide's "Routing API requests" table and its rules. */
class RouteTableTest {
    private static RouteTable<String> table(String... keys) {
        return new RouteTable<>(List.of(keys).stream()
                .map(k -> new RouteTable.Entry<>(RouteKey.parse(k), k)).toList());
    }

    private static String route(RouteTable<String> t, String method, String path) {
        RouteTable.Match<String> m = t.find(method, RequestPath.segments(path, false));
        return m == null ? null : m.route().value();
    }

    /** The guide's example API: a $default stage and these five routes. */
    private static final RouteTable<String> GUIDE = table("GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}",
            "ANY /{proxy+}", "$default");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,  /pets/dog/1, GET /pets/dog/1",       // fully matches the static route
            "GET,  /pets/dog/2, GET /pets/dog/{id}",    // fully matches this route
            "GET,  /pets/cat/1, GET /pets/{proxy+}",    // no full match: the GET route with a greedy variable
            "POST, /test/5,     ANY /{proxy+}",         // ANY takes the methods not routed; greedy before $default
    })
    void theGuidesTable(String method, String path, String expected) {
        assertThat(route(GUIDE, method, path)).isEqualTo(expected);
    }

    @Test
    void theRestOfTheGuidesRules() {
        assertThat(route(GUIDE, "POST", "/pets/dog/1")).as("GET routes do not take POST").isEqualTo("ANY /{proxy+}");
        assertThat(route(GUIDE, "GET", "/")).as("a greedy variable takes one segment or more").isEqualTo("$default");
        assertThat(route(table("GET /pets"), "GET", "/cats")).as("no route, no $default").isNull();
        assertThat(route(table("GET /pets"), "HEAD", "/pets")).as("no implicit HEAD").isNull();
    }

    @Test
    void amongFullMatchesFewerVariablesWinThenLiteralsFirst() {
        RouteTable<String> t = table("GET /a/{x}/{y}/d", "GET /{p}/b/c/d", "GET /a/{x}/c/{z}", "GET /{p}/b/{q}/d");
        assertThat(route(t, "GET", "/a/b/c/d")).isEqualTo("GET /{p}/b/c/d");
        RouteTable<String> tie = table("GET /pets/{a}/1", "GET /pets/dog/{b}");
        assertThat(route(tie, "GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/{b}");
    }

    @Test
    void amongGreedyMatchesTheLongestPrefixWins() {
        RouteTable<String> t = table("ANY /{proxy+}", "ANY /api/{proxy+}", "ANY /api/{v}/{proxy+}", "GET /api/v1");
        assertThat(route(t, "GET", "/api/v1/x")).isEqualTo("ANY /api/{v}/{proxy+}");
        assertThat(route(t, "GET", "/api/v1")).isEqualTo("GET /api/v1");
        assertThat(route(t, "POST", "/api/v1")).isEqualTo("ANY /api/{proxy+}");
        assertThat(route(t, "GET", "/other")).isEqualTo("ANY /{proxy+}");
    }

    @Test
    void theMethodBeforeAny() {
        RouteTable<String> t = table("ANY /pets", "GET /pets");
        assertThat(route(t, "GET", "/pets")).isEqualTo("GET /pets");
        assertThat(route(t, "DELETE", "/pets")).isEqualTo("ANY /pets");
    }

    @Test
    void pathsAreMatchedDecodedAndVariablesReadDecoded() {
        RouteTable<String> t = table("GET /files/{name}", "GET /files/{dir}/{name}", "GET /all/{proxy+}");
        RouteTable.Match<String> m = t.find("GET", RequestPath.segments("/files/a%20b", false));
        assertThat(m.route().value()).isEqualTo("GET /files/{name}");
        assertThat(m.variable("name")).isEqualTo("a b");
        // as AWS: %2F decodes to a slash, which then separates segments
        assertThat(route(t, "GET", "/files/a%2Fb")).isEqualTo("GET /files/{dir}/{name}");
        // kept encoded (the option): one segment, '%2F' in its value
        RouteTable.Match<String> kept = t.find("GET", RequestPath.segments("/files/a%2Fb%20c", true));
        assertThat(kept.route().value()).isEqualTo("GET /files/{name}");
        assertThat(kept.variable("name")).isEqualTo("a%2Fb c");
        RouteTable.Match<String> all = t.find("GET", RequestPath.segments("/all/x/y/", false));
        assertThat(all.variable("proxy")).isEqualTo("x/y/");
    }

    @Test
    void routeKeysAreReadStrictly() {
        assertThat(RouteKey.parse("ANY /api/{proxy+}").variables()).containsExactly("proxy");
        assertThatThrownBy(() -> RouteKey.parse("GET /a/{proxy+}/b")).hasMessageContaining("must be the last segment");
        assertThatThrownBy(() -> RouteKey.parse("get /a")).hasMessageContaining("not a route method");
        assertThatThrownBy(() -> RouteKey.parse("GET a")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> RouteKey.parse("GET /a/id-{id}")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> RouteKey.parse("GET /{a}/{a}")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> RouteKey.parse("GET /a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> RouteKey.parse("/a")).hasMessageContaining("not a route key");
    }

    @Test
    void threeHundredRoutes() {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 299; i++) keys.add("GET /svc" + i + "/{id}/items/{item}");
        keys.add("ANY /{proxy+}");
        RouteTable<String> t = table(keys.toArray(String[]::new));
        assertThat(route(t, "GET", "/svc250/7/items/9")).isEqualTo("GET /svc250/{id}/items/{item}");
        assertThat(route(t, "GET", "/svc250/7/other/9")).isEqualTo("ANY /{proxy+}");
    }

    @Test
    void encodingForTheRequestLine() {
        assertThat(RequestPath.encode("/a b/ü?%/%2F")).isEqualTo("/a%20b/%C3%BC%3F%25/%2F");
        assertThat(RequestPath.encode("/plain/path")).isSameAs("/plain/path".intern());
    }
}
