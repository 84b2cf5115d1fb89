package dev.forecourt.edge.role.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An API's route look-up as {@link ApiRoutes} does it per request: the path cut into decoded segments
 * ({@link RequestPath#segments}), the dot-segment check ({@link ApiRoutes#ambiguous}), then {@link RouteTable#find},
 * in a table of 300 routes (API Gateway's quota per HTTP API): 24 resources with 12 routes each (collection, search,
 * {id}, sub-resources, {id}/comments/{commentId}), 8 other static routes, 3 greedy {proxy+} routes and $default.
 * Four requests: a full static match that an {id} route also takes, one variable, a greedy match, and a miss that
 * falls to $default. In this package (the bench module's) so the package-private table is reached as it is.
 * Run: java -cp ... org.openjdk.jmh.Main RouteLookupBench [-bm sample] (see forecourt-bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class RouteLookupBench {
    static final String[] RESOURCES = {"users", "orders", "products", "carts", "payments", "invoices", "shipments",
            "reviews", "categories", "inventory", "warehouses", "suppliers", "customers", "coupons", "returns",
            "refunds", "subscriptions", "plans", "webhooks", "tokens", "sessions", "devices", "notifications",
            "reports"};

    private RouteTable<String> table;
    private boolean keepEncodedSlashes;
    // request paths as they arrive: new text per request, so their segments' hashes are computed each time
    private String staticPath;
    private String variablePath;
    private String greedyPath;
    private String missPath;

    /** The 300 route keys. */
    static List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        for (String r : RESOURCES) {
            String c = "/v1/" + r;
            keys.add("GET " + c);
            keys.add("POST " + c);
            keys.add("GET " + c + "/search");
            keys.add("GET " + c + "/{id}");
            keys.add("PUT " + c + "/{id}");
            keys.add("PATCH " + c + "/{id}");
            keys.add("DELETE " + c + "/{id}");
            keys.add("GET " + c + "/{id}/history");
            keys.add("GET " + c + "/{id}/comments");
            keys.add("POST " + c + "/{id}/comments");
            keys.add("GET " + c + "/{id}/comments/{commentId}");
            keys.add("DELETE " + c + "/{id}/comments/{commentId}");
        }
        keys.addAll(List.of("GET /health", "GET /ready", "GET /v1", "GET /v2/status", "GET /v2/version",
                "POST /v1/auth/login", "POST /v1/auth/logout", "POST /v1/auth/refresh"));
        keys.addAll(List.of("ANY /api/{proxy+}", "GET /static/{path+}", "ANY /v1/legacy/{proxy+}", "$default"));
        return keys;
    }

    @Setup
    public void setUp() {
        List<RouteTable.Entry<String>> entries = new ArrayList<>();
        for (String k : routeKeys()) {
            entries.add(new RouteTable.Entry<>(RouteKey.parse(k), k));
        }
        table = new RouteTable<>(entries);
        if (table.size() != 300) throw new IllegalStateException(table.size() + " routes");
        staticPath = new String("/v1/orders/search");
        variablePath = new String("/v1/orders/8d3f2a71");
        greedyPath = new String("/api/iiif/3/photo-1234/full/max/0/default.jpg");
        missPath = new String("/v3/unknown/thing");
        expect(staticPath, "GET /v1/orders/search");
        expect(variablePath, "GET /v1/orders/{id}");
        expect(greedyPath, "ANY /api/{proxy+}");
        expect(missPath, "$default");
    }

    private void expect(String path, String route) {
        String got = lookup("GET", path).route().value();
        if (!got.equals(route)) throw new IllegalStateException(path + " -> " + got + ", not " + route);
    }

    /** What ApiRoutes.serve does before handing the request on. */
    private RouteTable.Match<String> lookup(String method, String path) {
        String[] segments = RequestPath.segments(path, keepEncodedSlashes);
        if (ApiRoutes.ambiguous(segments, keepEncodedSlashes)) {
            return null;
        }
        return table.find(method, segments);
    }

    @Benchmark
    public Object staticMatch() {
        return lookup("GET", staticPath);
    }

    @Benchmark
    public Object oneVariable() {
        return lookup("GET", variablePath);
    }

    @Benchmark
    public Object greedy() {
        return lookup("GET", greedyPath);
    }

    @Benchmark
    public Object missToDefault() {
        return lookup("GET", missPath);
    }
}
