package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which API mapping takes a path: the AWS developer guide's table ("Map API stages to a custom domain name for HTTP
 * APIs", routing API requests) as golden rows, then the readings of ours it leaves open (whole segments, escapes).
 */
class ApiMappingsTest {
    private static final ApiMappings<String> AWS = new ApiMappings<>(mappings(
            "", "API 1", "orders", "API 2", "orders/v1/items", "API 3", "orders/v2/items", "API 4",
            "orders/v2/items/categories", "API 5"));
    private static final ApiMappings<String> NO_ROOT = new ApiMappings<>(mappings("v1", "A", "v1/orders", "B"));

    private static Map<String, String> mappings(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /orders                          | API 2 | /
            /orders/v1/items                 | API 3 | /
            /orders/v2/items                 | API 4 | /
            /orders/v1/items/123             | API 3 | /123
            /orders/v2/items/categories/5    | API 5 | /5
            /customers                       | API 1 | /customers
            /orders/v1                       | API 2 | /v1
            /orders/                         | API 2 | /
            /ordersandmore                   | API 1 | /ordersandmore
            /orders/v2/itemsx                | API 2 | /v2/itemsx
            /%6Frders/v1/items/9             | API 3 | /9
            /orders%2Fv1/items               | API 1 | /orders%2Fv1/items
            //orders                         | API 1 | //orders
            /                                | API 1 | /
            """)
    void theLongestMappingByWholeSegmentsWinsElseTheEmptyOne(String path, String api, String routesSee) {
        ApiMappings.Match<String> m = AWS.find(path);
        assertThat(m.target()).isEqualTo(api);
        assertThat(ApiMappings.strip(path, m.segments())).isEqualTo(routesSee);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            /v1/x          | A
            /v1/orders/7   | B
            /v1            | A
            /v2            | none
            /              | none
            """)
    void withoutAnEmptyMappingAPathOutsideEveryMappingFindsNone(String path, String api) {
        ApiMappings.Match<String> m = NO_ROOT.find(path);
        assertThat(m == null ? null : m.target()).isEqualTo(api);
    }
}
