package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.http.Limits;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An embedded app whose settings a reload leaves alone keeps running: the same app, at the same address. */
class ReloadKeepsAppTest {
    private static final Pattern APP = Pattern.compile("instance=\"(app:echo@\\d+)\"");

    private static Config config(String server) {
        return Configs.of(java.nio.file.Path.of("t.yaml"), Map.of(),
                Map.of("echo", Fixture.echo("echo", List.of("echo.internal"), true)),
                new IngressConfig("127.0.0.1:0", null, null, server, AccessLogConfig.OFF, Limits.DEFAULT),
                new dev.forecourt.edge.config.AdminConfig("127.0.0.1:0"));
    }

    private static String appInstance(Forecourt f) {
        Matcher m = APP.matcher(f.metrics().scrape());
        assertThat(m.find()).as("the app's health gauge").isTrue();
        return m.group(1);
    }

    @Test
    void anAppWithUnchangedSettingsIsNotRestarted() throws Exception {
        try (Forecourt f = Forecourt.start(config(null), 1)) {
            String before = appInstance(f);
            assertThat(Fixture.get(f, "ingress", "echo.internal", "/").statusCode()).isEqualTo(200);
            f.reload(config("envoy"));
            assertThat(appInstance(f)).isEqualTo(before);
            Retired.await(); // the old configuration retires: the app it shared must keep running
            assertThat(Fixture.get(f, "ingress", "echo.internal", "/").statusCode()).isEqualTo(200);
            assertThat(appInstance(f)).isEqualTo(before);
        }
    }
}
