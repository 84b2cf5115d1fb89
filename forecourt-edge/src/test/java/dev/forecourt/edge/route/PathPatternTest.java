package dev.forecourt.edge.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternTest {
    @Test
    void starMatchesAnyRunAndQuestionMarkOneCharacterCaseSensitive() {
        assertThat(new PathPattern("/images/*").matches("/images/a/b.jpg")).isTrue();
        assertThat(new PathPattern("/images/*").matches("/Images/a.jpg")).isFalse();
        assertThat(new PathPattern("*.jpg").matches("/a/b.jpg")).isTrue();
        assertThat(new PathPattern("/v?/x").matches("/v1/x")).isTrue();
        assertThat(new PathPattern("/v?/x").matches("/v10/x")).isFalse();
        assertThat(new PathPattern("iiif/*").text()).isEqualTo("/iiif/*");
        assertThat(new PathPattern("/a*b*c").matches("/axxbyyc")).isTrue();
        assertThat(new PathPattern("/a*b*c").matches("/axxbyy")).isFalse();
    }
}
