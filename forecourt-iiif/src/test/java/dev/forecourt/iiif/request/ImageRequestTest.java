package dev.forecourt.iiif.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.http.ErrorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRequestTest {
    private static final OutputLimits LIMITS = new OutputLimits(5000, 5000, 10_000_000);

    private static Plan plan(ApiVersion v, String path, int w, int h) throws IiifException {
        String[] p = path.split("/");
        return ImageRequest.parse(v, p[0], p[1], p[2], p[3]).plan(w, h, LIMITS);
    }

    @ParameterizedTest(name = "v3 {0} on 1000x800 -> {1}")
    @CsvSource(delimiter = ';', value = {
            "full/max/0/default.jpg;           0,0,1000,800 1000x800 full/max/0/default.jpg",
            "square/max/0/default.jpg;         100,0,800,800 800x800 100,0,800,800/max/0/default.jpg",
            "0,0,500,400/250,/0/gray.png;      0,0,500,400 250x200 0,0,500,400/250,200/0/gray.png",
            "900,700,500,500/max/0/color.jpg;  900,700,100,100 100x100 900,700,100,100/max/0/color.jpg",
            "pct:10,10,50,50/pct:50/90/default.webp; 100,80,500,400 250x200 100,80,500,400/250,200/90/default.webp",
            "full/,400/!0/bitonal.tif;         0,0,1000,800 500x400 full/500,400/!0/bitonal.tif",
            "full/!500,500/22.5/default.jpg;   0,0,1000,800 500x400 full/500,400/22.5/default.jpg",
            "0,0,1,1/max/0/default.jpg;        0,0,1,1 1x1 0,0,1,1/max/0/default.jpg",
            "0,0,10,10/^20,/0/default.jpg;     0,0,10,10 20x20 0,0,10,10/^20,20/0/default.jpg",
            "full/^max/360/default.jpg;        0,0,1000,800 1000x800 full/max/0/default.jpg",
            "full/!2000,3000/0/default.jpg;    0,0,1000,800 1000x800 full/max/0/default.jpg",
            "full/^!2000,3000/0/default.jpg;   0,0,1000,800 2000x1600 full/^2000,1600/0/default.jpg",
            "full/max/90.000000000000000000001/default.jpg; 0,0,1000,800 1000x800 full/max/90/default.jpg",
    })
    void v3Plans(String request, String expected) throws IiifException {
        Plan p = plan(ApiVersion.V3, request.trim(), 1000, 800);
        assertThat(p.x() + "," + p.y() + "," + p.w() + "," + p.h() + " " + p.outW() + "x" + p.outH() + " " + p.canonical())
                .isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "v2 {0} on 1000x800 -> {1}")
    @CsvSource(delimiter = ';', value = {
            "full/full/0/default.jpg;   1000x800 full/full/0/default.jpg",
            "full/max/0/default.jpg;    1000x800 full/full/0/default.jpg",
            "full/500,/0/default.jpg;   500x400 full/500,/0/default.jpg",
            "full/500,500/0/default.jpg; 500x500 full/500,500/0/default.jpg",
            "full/2000,/0/default.jpg;  2000x1600 full/2000,/0/default.jpg",
    })
    void v2Plans(String request, String expected) throws IiifException {
        Plan p = plan(ApiVersion.V2, request.trim(), 1000, 800);
        assertThat(p.outW() + "x" + p.outH() + " " + p.canonical()).isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "v3 {0} is refused: {1}")
    @CsvSource(delimiter = ';', value = {
            "full/1001,/0/default.jpg;       larger than the 1000x800 region",
            "full/pct:200/0/default.jpg;     larger than the 1000x800 region",
            "1000,0,10,10/max/0/default.jpg; starts outside the image",
            "0,0,0,10/max/0/default.jpg;     zero width or height",
            "full/0,/0/default.jpg;          zero width or height",
            "full/max/361/default.jpg;       over 360 degrees",
            "full/max/-90/default.jpg;       not a decimal number",
            "full/max/0/native.jpg;          quality 'native'",
            "full/max/0/default.bmp;         format 'bmp'",
            "full/max/0/default;             is not {quality}.{format}",
            "pct:a,0,1,1/max/0/default.jpg;  not a decimal number",
            "1,2,3/max/0/default.jpg;        is not one of full, square",
            "full/full/0/default.jpg;        is not one of max",
            "full/!100,/0/default.jpg;       needs both a width and a height",
            "full/^60000,/0/default.jpg;     beyond this service's limits",
            "full/1e3,/0/default.jpg;        is not one of",
            "full/max/0.0000000000000000000000000000000000000000001/default.jpg; has more than 40 characters",
    })
    void v3Refusals(String request, String message) {
        assertThatThrownBy(() -> plan(ApiVersion.V3, request.trim(), 1000, 800))
                .isInstanceOfSatisfying(IiifException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.BAD_REQUEST))
                .hasMessageContaining(message.trim());
    }
}
