package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code check} on cached routes: the policy's name, a key without the query, a cache no route uses. */
class RouteCacheChecksTest {
    private static final Path FILE = Path.of("forecourt.yaml");

    private static String api(String cache, String policy) {
        return """
                cachePolicies:
                  ByQuery: {defaultTTL: 60s, queryStrings: all}
                apis:
                  public:
                    listen: 127.0.0.1:8080
                %s    routes:
                      - route: "GET /items/{id}"
                %s        integration: {uri: "http://app.internal/items/{id}"}
                """.formatted(cache, policy);
    }

    @Test
    void aPolicyNamedIsTheFilesOrAManagedOne() throws Exception {
        assertThat(ConfigReader.check(FILE, api("", "        cachePolicy: ByQuery\n")).warnings()).isEmpty();
        assertThat(ConfigReader.check(FILE, api("", "        cachePolicy: UseOriginCacheControlHeaders-QueryStrings\n"))
                .warnings()).isEmpty();
        try {
            ConfigReader.read(FILE, api("", "        cachePolicy: ByQeury\n"));
            throw new AssertionError("an unknown policy was taken");
        } catch (ConfigException e) {
            assertThat(e.problems()).singleElement().asString()
                    .contains("forecourt.yaml:8: apis.public.routes[0].cachePolicy: no cache policy named 'ByQeury'")
                    .contains("ByQuery").contains("CachingOptimized");
        }
    }

    @Test
    void aKeyWithoutTheQueryAndACacheNoRouteUsesAreWarnings() throws Exception {
        List<String> w = ConfigReader.check(FILE, api("", "        cachePolicy: CachingOptimized\n")).warnings();
        assertThat(w).singleElement().asString().contains(":8: warning: apis.public.routes[0].cachePolicy: the cache"
                + " policy CachingOptimized keys no query string, while the integration gets the whole query");
        assertThat(ConfigReader.check(FILE, api("    cache: {memory: 8MiB}\n", "")).warnings()).singleElement()
                .asString().contains(":6: warning: apis.public.cache: no route of this API names a cachePolicy");
    }

    @Test
    void theCacheBlockIsReadAsADistributionsIs() {
        try {
            ConfigReader.read(FILE, api("    cache: {memory: 8MiB, maxObjectSize: 16MiB, size: 1}\n",
                    "        cachePolicy: ByQuery\n"));
            throw new AssertionError("a bad cache block was taken");
        } catch (ConfigException e) {
            assertThat(String.join("\n", e.problems()))
                    .contains(":6: apis.public.cache.maxObjectSize: 16MiB is larger than memory 8MiB")
                    .contains(":6: apis.public.cache.size: unknown key 'size'");
        }
    }
}
