package dev.forecourt.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.policy.ManagedPolicies;
import dev.forecourt.edge.policy.Ttl;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9111's arithmetic: directives, freshness lifetime, age; and the pieces of a cache key. */
class FreshnessTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final String DATE = io.netty.handler.codec.DateFormatter.format(new java.util.Date(NOW));

    private static HttpHeaders h(String... kv) {
        HttpHeaders h = new DefaultHttpHeaders(false);
        for (int i = 0; i < kv.length; i += 2) h.add(kv[i], kv[i + 1]);
        return h;
    }

    private static long lifetime(int status, HttpHeaders h, Ttl ttl) {
        return Freshness.lifetime(status, h, Directives.parse(h.getAll("cache-control")), ttl, NOW);
    }

    @Test
    void directivesAreCaseInsensitiveQuotedAwareAndConflictsAreInvalid() {
        Directives d = Directives.parse(List.of("MaX-AgE=003600, foo=\"max-age=1, bar\"", "s-maxage=\"20\""));
        assertThat(d.seconds("max-age")).isEqualTo(3600);
        assertThat(d.seconds("s-maxage")).isEqualTo(20);
        assertThat(d.has("bar")).isFalse();
        assertThat(Directives.parse(List.of("max-age='3600'")).seconds("max-age")).isEqualTo(Directives.INVALID);
        assertThat(Directives.parse(List.of("max-age=1, max-age=2")).seconds("max-age")).isEqualTo(Directives.INVALID);
        assertThat(Directives.parse(List.of("max-age=99999999999")).seconds("max-age")).isEqualTo(Directives.MAX_DELTA);
    }

    @Test
    void sMaxageThenMaxAgeThenExpiresThenHeuristic() {
        assertThat(lifetime(200, h("cache-control", "max-age=100, s-maxage=5"), Ttl.ORIGIN)).isEqualTo(5_000);
        assertThat(lifetime(200, h("cache-control", "max-age=100", "expires", "0"), Ttl.ORIGIN)).isEqualTo(100_000);
        assertThat(lifetime(200, h("date", DATE, "expires", io.netty.handler.codec.DateFormatter.format(
                new java.util.Date(NOW + 30_000))), Ttl.ORIGIN)).isEqualTo(30_000);
        assertThat(lifetime(200, h("expires", "0"), Ttl.ORIGIN)).isZero();
        String lm = io.netty.handler.codec.DateFormatter.format(new java.util.Date(NOW - 1_000_000));
        assertThat(lifetime(200, h("date", DATE, "last-modified", lm), Ttl.ORIGIN)).isEqualTo(100_000);
        assertThat(lifetime(201, h("date", DATE, "last-modified", lm), Ttl.ORIGIN)).isZero();
    }

    @Test
    void policyTtlsClampExplicitFreshnessAndFillInTheDefault() {
        Ttl optimized = ManagedPolicies.CACHE.get("CachingOptimized").ttl();
        assertThat(lifetime(200, h("cache-control", "max-age=0"), optimized)).isEqualTo(1_000);
        assertThat(lifetime(200, h(), optimized)).isEqualTo(Duration.ofDays(1).toMillis());
        Ttl capped = new Ttl(Duration.ZERO, null, Duration.ofSeconds(10));
        assertThat(lifetime(200, h("cache-control", "max-age=3600"), capped)).isEqualTo(10_000);
    }

    @Test
    void ageIsCorrectedAndAnUnusableAgeHeaderMeansStale() {
        assertThat(Freshness.initialAge(h("date", DATE, "age", "10"), NOW - 2_000, NOW)).isEqualTo(12_000);
        for (String bad : List.of("abc", "-1", "1.5", "1, 2")) {
            assertThat(Freshness.initialAge(h("age", bad), NOW, NOW)).as(bad).isGreaterThan(Directives.MAX_DELTA * 1000);
        }
        assertThat(Freshness.initialAge(h("age", "1", "age", "1"), NOW, NOW)).isGreaterThan(Directives.MAX_DELTA * 1000);
    }

    @Test
    void byteRangesOfAStoredObject() {
        assertThat(Preconditions.byteRange("bytes=0-1", 10)).containsExactly(0, 1);
        assertThat(Preconditions.byteRange("bytes=5-", 10)).containsExactly(5, 9);
        assertThat(Preconditions.byteRange("bytes=-3", 10)).containsExactly(7, 9);
        assertThat(Preconditions.byteRange("bytes=2-100", 10)).containsExactly(2, 9);
        assertThat(Preconditions.byteRange("bytes=10-", 10)).containsExactly(-1, -1);
        assertThat(Preconditions.byteRange("bytes=0-1,4-5", 10)).isNull();
        assertThat(Preconditions.byteRange("items=0-1", 10)).isNull();
    }

    @Test
    void cacheKeysTakeWhatThePolicyNamesAndNormaliseAcceptEncoding() {
        var optimized = ManagedPolicies.CACHE.get("CachingOptimized");
        var withQs = ManagedPolicies.CACHE.get("UseOriginCacheControlHeaders-QueryStrings");
        assertThat(CacheKey.of(optimized, "a.org", "/p?x=1", h()).url()).isEqualTo("a.org/p");
        assertThat(CacheKey.of(withQs, "a.org", "/p?x=1", h()).url()).isEqualTo("a.org/p?x=1");
        assertThat(CacheKey.acceptEncoding(optimized, "gzip, deflate, br;q=0.5")).isEqualTo("br,gzip");
        assertThat(CacheKey.acceptEncoding(optimized, "gzip;q=0, identity")).isEmpty();
        assertThat(CacheKey.of(optimized, "a.org", "/p", h("accept-encoding", "gzip", "cookie", "a=b")).variant())
                .isEqualTo(CacheKey.of(optimized, "a.org", "/p", h("accept-encoding", "deflate, gzip")).variant());
    }
}
