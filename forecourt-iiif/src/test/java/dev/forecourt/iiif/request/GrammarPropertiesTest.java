package dev.forecourt.iiif.request;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever a valid request asks, the plan stays inside the image, and the canonical form plans the same image. */
class GrammarPropertiesTest {
    private static final OutputLimits LIMITS = new OutputLimits(4000, 4000, 8_000_000);

    @Property(tries = 500)
    void planStaysInsideAndCanonicalIsAFixedPoint(
            @ForAll @IntRange(min = 1, max = 3000) int width, @ForAll @IntRange(min = 1, max = 3000) int height,
            @ForAll @IntRange(min = 0, max = 3500) int x, @ForAll @IntRange(min = 0, max = 3500) int y,
            @ForAll @IntRange(min = 1, max = 3500) int w, @ForAll @IntRange(min = 1, max = 3500) int h,
            @ForAll @IntRange(min = 1, max = 1500) int outW, @ForAll boolean v3) throws IiifException {
        ApiVersion version = v3 ? ApiVersion.V3 : ApiVersion.V2;
        String size = (v3 ? "^" : "") + outW + ",";
        Plan p;
        try {
            p = ImageRequest.parse(version, x + "," + y + "," + w + "," + h, size, "0", "default.jpg")
                    .plan(width, height, LIMITS);
        } catch (IiifException e) {
            assertThat(e.getMessage()).containsAnyOf("outside the image", "beyond this service's limits");
            return;
        }
        assertThat(p.x() + p.w()).isLessThanOrEqualTo(width);
        assertThat(p.y() + p.h()).isLessThanOrEqualTo(height);
        assertThat(p.outW()).isEqualTo(outW);
        String[] c = p.canonical().split("/");
        Plan again = ImageRequest.parse(version, c[0], c[1], c[2], c[3]).plan(width, height, LIMITS);
        assertThat(again).usingRecursiveComparison().isEqualTo(p);
    }
}
