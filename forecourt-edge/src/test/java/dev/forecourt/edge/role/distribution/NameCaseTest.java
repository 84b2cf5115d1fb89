package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.Selection;
import dev.forecourt.edge.policy.Ttl;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Query string and cookie names in a policy's list are compared with their case, as the cloud compares them and as
 * origins read them; header names without.
 */
class NameCaseTest {

    @Test
    void aListedQueryStringOrCookieIsTakenOnlyWithTheCaseItIsListedIn() throws Exception {
        CachePolicy byLang = new CachePolicy("ByLang", new Ttl(Duration.ZERO, Duration.ofSeconds(60), Duration.ofDays(1)),
                Selection.only("X-Variant"), Selection.exactly("session"), Selection.exactly("lang"), false, false);
        OriginRequestPolicy alsoTheme = new OriginRequestPolicy("AlsoTheme", Selection.NONE, Selection.exactly("theme"),
                Selection.exactly("page"));
        BehaviorConfig b = new BehaviorConfig(null, "origin", null, null, null, byLang, alsoTheme, null, null);
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/q", s -> ok(s.uri() + " " + s.header("Cookie") + " " + s.header("X-Variant")));
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), b, List.of(),
                    List.of(), CacheConfig.DEFAULT)), 1)) {
                int port = f.address("distribution-edge").getPort();
                HttpResponse<String> first = send(port, "GET", "/q?lang=en&Lang=de&page=2&PAGE=3",
                        "Cookie", "session=s1; Session=S2; theme=dark; Theme=light", "x-variant", "a");
                assertThat(first.body()).isEqualTo("/q?lang=en&page=2 session=s1; theme=dark a");
                // Lang, PAGE, Session and Theme are other names: neither in the key nor sent on
                HttpResponse<String> same = send(port, "GET", "/q?Lang=xx&lang=en",
                        "Cookie", "Session=S9; session=s1", "X-VARIANT", "a");
                assertThat(same.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
                HttpResponse<String> other = send(port, "GET", "/q?Lang=en", "Cookie", "session=s1", "X-Variant", "a");
                assertThat(other.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
                assertThat(other.body()).isEqualTo("/q session=s1 a");
                assertThat(origin.count("/q")).isEqualTo(2);
            }
        }
    }
}
