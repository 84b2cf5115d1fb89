package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {
    @Test
    void escapesWhatJsonRequiresAndPassesTheRestAsItIs() {
        assertThat(JsonString.of("a\"b\\c\nd\re\tf\u0000g\u001fh/é€😀"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001fh/é€😀\"");
    }

    @Test
    void appendsToWhatIsThere() {
        assertThat(JsonString.append(new StringBuilder("x:"), "")).hasToString("x:\"\"");
    }
}
