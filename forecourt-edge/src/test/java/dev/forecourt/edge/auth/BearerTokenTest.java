package dev.forecourt.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The identity source's value: the token alone, or after "Bearer " (any case), nothing else. */
class BearerTokenTest {
    @Test
    void theTokenWithOrWithoutTheScheme() {
        assertThat(BearerToken.in("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(BearerToken.in("BEARER   abc.def.ghi ")).isEqualTo("abc.def.ghi");
        assertThat(BearerToken.in("abc.def.ghi")).isEqualTo("abc.def.ghi");
    }

    @Test
    void noToken() {
        assertThat(BearerToken.in(null)).isNull();
        assertThat(BearerToken.in("  ")).isNull();
        assertThat(BearerToken.in("Bearer")).isNull();
        assertThat(BearerToken.in("Bearer  ")).isNull();
    }
}
