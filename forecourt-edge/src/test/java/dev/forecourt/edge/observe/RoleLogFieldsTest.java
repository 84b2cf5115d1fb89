package dev.forecourt.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.Attribute;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A role's own facts reach the access log through the fields it registers, not through a list the log keeps. */
class RoleLogFieldsTest {
    private static final Attribute<String> API_ID = Attribute.logged("test_api_id");

    private static LogEntry entry(Function<Attribute<?>, Object> attributes) {
        return new LogEntry(Instant.parse("2026-11-30T00:00:00Z"), "127.0.0.1", "api/orders", "api.test", "GET", "/o",
                "HTTP/1.1", 200, 5, 1.5, null, null, null, null, null, null, null, null, null, null, null, "http", 5000,
                attributes);
    }

    @Test
    void aTemplateNamesARegisteredField() {
        LogFormat f = LogFormat.compile("$hop $test_api_id $status");
        assertThat(f.format(entry(Map.<Attribute<?>, Object>of(API_ID, "a1b2c3")::get))).isEqualTo("api/orders a1b2c3 200");
        assertThat(f.format(entry(a -> null))).as("a hop that set nothing").isEqualTo("api/orders - 200");
        assertThat(f.format(entry(null))).as("a line the wire refused").isEqualTo("api/orders - 200");
    }

    @Test
    void jsonCarriesRegisteredFieldsBesideTheEngines() {
        String line = LogFormat.compile("json").format(entry(Map.<Attribute<?>, Object>of(API_ID, "a1b2c3")::get));
        assertThat(line).contains("\"hop\":\"api/orders\"", "\"test_api_id\":\"a1b2c3\"");
    }

    @Test
    void anUnknownFieldIsRefusedListingTheRegisteredOnesToo() {
        assertThatThrownBy(() -> LogFormat.compile("$hop $no_such_field"))
                .hasMessageContaining("unknown access log field '$no_such_field'")
                .hasMessageContaining("$test_api_id");
    }

    @Test
    void aFieldIsRegisteredOnce() {
        assertThatThrownBy(() -> Attribute.logged("test_api_id")).hasMessageContaining("registered twice");
        assertThatThrownBy(() -> Attribute.logged("Bad-Name")).hasMessageContaining("lower case");
    }
}
