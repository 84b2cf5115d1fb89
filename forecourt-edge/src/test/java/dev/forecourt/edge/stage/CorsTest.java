package dev.forecourt.edge.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.policy.CorsRules;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the one CORS room: what an answer says to which origin. */
class CorsTest {
    private static final String APP = "https://app.example.org";

    private static CorsRules rules(List<String> origins, boolean credentials, boolean override) {
        return new CorsRules(origins, List.of("GET", "POST"), List.of("Content-Type", "X-Token"), List.of("ETag"),
                credentials, Duration.ofMinutes(5), override);
    }

    private static HttpHeaders answer(Cors cors, String origin, boolean preflight) {
        HttpHeaders h = new DefaultHttpHeaders();
        cors.addTo(h, origin, preflight, "Content-Type, X-Token");
        return h;
    }

    @Test
    void anOriginNotAllowedIsNeverNamedNorEchoed() {
        Cors cors = Cors.onAnswers(rules(List.of(APP), false, true));
        HttpHeaders h = answer(cors, "https://evil.example", false);
        assertThat(h.isEmpty()).isTrue();
        assertThat(answer(cors, "https://evil.example", true).isEmpty()).isTrue();
        assertThat(answer(cors, APP + ".evil.example", false).isEmpty()).isTrue();
        assertThat(answer(cors, null, false).isEmpty()).isTrue();
    }

    @Test
    void aNamedOriginVariesByOriginAndAnyOriginDoesNot() {
        HttpHeaders named = answer(Cors.onAnswers(rules(List.of(APP), false, true)), APP, false);
        assertThat(named.get("access-control-allow-origin")).isEqualTo(APP);
        assertThat(named.getAll("vary")).containsExactly("Origin");
        assertThat(named.get("access-control-expose-headers")).isEqualTo("ETag");
        assertThat(named.contains("access-control-allow-credentials")).isFalse();

        HttpHeaders any = answer(Cors.onAnswers(rules(List.of("*"), false, true)), APP, false);
        assertThat(any.get("access-control-allow-origin")).isEqualTo("*");
        assertThat(any.contains("vary")).isFalse();
    }

    @Test
    void varyOriginIsAppendedToWhatTheOriginSaid() {
        HttpHeaders h = new DefaultHttpHeaders().add("vary", "Accept-Encoding");
        Cors.onAnswers(rules(List.of(APP), false, true)).addTo(h, APP, false, null);
        assertThat(h.getAll("vary")).containsExactly("Accept-Encoding", "Origin");
    }

    @Test
    void credentialsNeverGoWithTheWildcard() {
        CorsRules anyWithCredentials = rules(List.of("*"), true, true);
        assertThat(anyWithCredentials.allowOrigin(APP)).isEqualTo(APP);
        assertThat(anyWithCredentials.allowOrigin(null)).isNull();
        HttpHeaders h = answer(Cors.onAnswers(anyWithCredentials), APP, false);
        assertThat(h.get("access-control-allow-origin")).isEqualTo(APP);
        assertThat(h.get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(h.getAll("vary")).containsExactly("Origin");

        HttpHeaders listed = answer(Cors.onAnswers(rules(List.of(APP), true, true)), APP, false);
        assertThat(listed.get("access-control-allow-origin")).isEqualTo(APP);
        assertThat(listed.get("access-control-allow-credentials")).isEqualTo("true");
    }

    @Test
    void aPreflightAlsoHearsMethodsHeadersAndMaxAge() {
        Cors cors = Cors.onAnswers(rules(List.of(APP), false, true));
        HttpHeaders pre = answer(cors, APP, true);
        assertThat(pre.get("access-control-allow-methods")).isEqualTo("GET, POST");
        assertThat(pre.get("access-control-allow-headers")).isEqualTo("Content-Type, X-Token");
        assertThat(pre.get("access-control-max-age")).isEqualTo("300");
        HttpHeaders actual = answer(cors, APP, false);
        assertThat(actual.contains("access-control-allow-methods")).isFalse();
        assertThat(actual.contains("access-control-allow-headers")).isFalse();
        assertThat(actual.contains("access-control-max-age")).isFalse();
    }

    @Test
    void withoutOriginOverrideTheOriginsOwnHeadersStand() {
        HttpHeaders h = new DefaultHttpHeaders().set("access-control-allow-origin", "https://other.example");
        Cors.onAnswers(rules(List.of(APP), true, false)).addTo(h, APP, false, null);
        assertThat(h.getAll("access-control-allow-origin")).containsExactly("https://other.example");
        assertThat(h.contains("access-control-allow-credentials")).isFalse();
        assertThat(h.contains("vary")).isFalse();

        HttpHeaders overridden = new DefaultHttpHeaders().set("access-control-allow-origin", "https://other.example");
        Cors.onAnswers(rules(List.of(APP), false, true)).addTo(overridden, APP, false, null);
        assertThat(overridden.getAll("access-control-allow-origin")).containsExactly(APP);
    }

    @Test
    void answeringItselfTheWildcardHeaderStandsForTheHeadersAsked() {
        CorsRules anyHeader = new CorsRules(List.of(APP), List.of("GET"), List.of("*"), List.of(), true, null, true);
        Cors answering = Cors.answeringPreflights(anyHeader);
        assertThat(answering.answered("range, x-token")).isEqualTo("range, x-token");
        assertThat(answering.answered(null)).isNull();
        Cors listed = Cors.answeringPreflights(rules(List.of(APP), false, true));
        assertThat(listed.answered("range")).isEqualTo("Content-Type, X-Token");
    }

    @Test
    void aPublicResourceLetsAnyOriginReadWithoutCredentials() {
        Cors open = Cors.publicResource(rules(List.of("*"), false, true));
        HttpHeaders h = answer(open, null, false);
        assertThat(h.get("access-control-allow-origin")).isEqualTo("*");
        assertThat(h.contains("vary")).isFalse();
        assertThatThrownBy(() -> Cors.publicResource(rules(List.of(APP), false, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cors.publicResource(rules(List.of("*"), true, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
