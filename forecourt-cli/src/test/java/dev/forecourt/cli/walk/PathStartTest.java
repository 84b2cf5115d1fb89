package dev.forecourt.cli.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.role.api.IntegrationConfig;
import dev.forecourt.edge.role.api.RouteConfig;
import dev.forecourt.edge.role.api.RouteKey;
import dev.forecourt.edge.route.PathPattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a known path start may meet at the next hop: its path patterns, and the routes of an API. */
class PathStartTest {
    private static final PathStart API = new PathStart("/api/", false);

    @Test
    void aStartMayMatchAPatternThatGoesOnFromItAndAllMatchOnlyOneThatTakesEverythingAfter() {
        assertThat(API.mayMatch(new PathPattern("/api/*"))).isTrue();
        assertThat(API.allMatch(new PathPattern("/api/*"))).isTrue();
        assertThat(API.mayMatch(new PathPattern("/api/v1/*.json"))).isTrue();
        assertThat(API.allMatch(new PathPattern("/api/v1/*"))).isFalse();
        assertThat(API.mayMatch(new PathPattern("/a?i/*"))).isTrue();
        assertThat(API.mayMatch(new PathPattern("/iiif/*"))).isFalse();
        assertThat(API.mayMatch(new PathPattern("/"))).as("the exact path '/' is no path under /api/").isFalse();
        assertThat(API.mayMatch(new PathPattern("*.jpg"))).isTrue();
        assertThat(new PathStart("/health", true).mayMatch(new PathPattern("/health"))).isTrue();
        assertThat(new PathStart("/health", true).mayMatch(new PathPattern("/health/*"))).isFalse();
    }

    @Test
    void literalStartsOfPatternsAndTemplatesAndWhatAPrefixMakesOfThem() {
        assertThat(PathStart.of(new PathPattern("/iiif/*"))).isEqualTo(new PathStart("/iiif/", false));
        assertThat(PathStart.of(new PathPattern("/health"))).isEqualTo(new PathStart("/health", true));
        assertThat(PathStart.ofTemplate("/v1/$request.path.proxy", '$')).isEqualTo(new PathStart("/v1/", false));
        assertThat(PathStart.ofTemplate("", '{')).as("a uri without a path: '/'").isEqualTo(new PathStart("/", true));
        assertThat(PathStart.UNKNOWN.behind("/prod")).isEqualTo(new PathStart("/prod/", false));
        assertThat(PathStart.UNKNOWN.known()).isFalse();
        assertThat(new PathStart("/", false).known()).isFalse();
    }

    @Test
    void theRoutesAStartMayTakeAndDefaultUnlessOneTakesThemAll() {
        RouteConfig greedy = route("ANY /api/{proxy+}");
        RouteConfig get = route("GET /api/{proxy+}");
        RouteConfig item = route("GET /items/{id}");
        RouteConfig dflt = route("$default");
        assertThat(RouteChoice.of(List.of(greedy, item, dflt), API)).containsExactly(greedy);
        assertThat(RouteChoice.of(List.of(get, item, dflt), API)).as("other methods go to $default")
                .containsExactly(get, dflt);
        assertThat(RouteChoice.of(List.of(item), API)).isEmpty();
        assertThat(RouteChoice.of(List.of(item), new PathStart("/items/", false))).containsExactly(item);
        assertThat(RouteChoice.of(List.of(item), new PathStart("/items/a/b", true))).as("one segment only").isEmpty();
        assertThat(RouteChoice.of(List.of(item), new PathStart("/it", false))).containsExactly(item);
        assertThat(RouteChoice.of(List.of(route("GET /")), new PathStart("/", true))).hasSize(1);
    }

    private static RouteConfig route(String key) {
        return new RouteConfig(RouteKey.parse(key), null, List.of(), null, new IntegrationConfig("http://a.internal",
                null, IntegrationConfig.AWS_TIMEOUT, false, null, null, List.of(), Map.of()), null);
    }
}
