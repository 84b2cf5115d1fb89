package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tag is 32 hex digits in quotes, the same for the same parts, and another when any part or their split changes. */
class EntityTagTest {
    @Test
    void sameParts_sameTag_otherwiseAnother() {
        String tag = EntityTag.of("libvips 8.14", "1700000000-4096", "3", "http://h/iiif/3/a.jpg");
        assertThat(tag).matches("\"[0-9a-f]{32}\"").isEqualTo(EntityTag.of("libvips 8.14", "1700000000-4096", "3",
                "http://h/iiif/3/a.jpg"));
        assertThat(EntityTag.of("libvips 8.14", "1700000000-4097", "3", "http://h/iiif/3/a.jpg")).isNotEqualTo(tag);
        assertThat(EntityTag.of("ab", "c")).isNotEqualTo(EntityTag.of("a", "bc"));
        assertThat(EntityTag.of("a", "")).isNotEqualTo(EntityTag.of("a"));
    }

    @Test
    void neighbouringInputsGiveDistinctTagsInBothHalves() {
        Set<String> firsts = new HashSet<>();
        Set<String> seconds = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String tag = EntityTag.of("engine", "version-" + i, "/iiif/3/x/0,0,256,256/256,/0/default.jpg");
            firsts.add(tag.substring(1, 17));
            seconds.add(tag.substring(17, 33));
        }
        assertThat(firsts).hasSize(100_000);
        assertThat(seconds).hasSize(100_000);
    }
}
