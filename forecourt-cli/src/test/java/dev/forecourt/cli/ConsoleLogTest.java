package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {
    @Test
    void anEventIsOneLineTimeLevelPaddedToFiveLoggerShortNameMessage() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.forecourt.edge.Forecourt"), Level.WARN,
                "drained {}", null, new Object[] {3});
        assertThat(ConsoleLog.LineEncoder.line(event))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d WARN  Forecourt - drained 3" + System.lineSeparator());
        assertThat(ConsoleLog.LineEncoder.line(0, "ERROR", "L", "m", "trace"))
                .endsWith(" ERROR L - m" + System.lineSeparator() + "trace" + System.lineSeparator());
    }

    @Test
    void logbacksOwnWarningsAndErrorsAreLinesOfTheLogAndItsInfoIsNot() throws IOException {
        LoggerContext context = new LoggerContext();
        context.getStatusManager().add(new WarnStatus("said before the log was set up", this));
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            new ConsoleLog().configure(context);
            context.getStatusManager().add(new InfoStatus("fine", this));
            context.getStatusManager().add(new ErrorStatus("broken", this, new IOException("disk")));
        } finally {
            System.setErr(err);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  logback - said before the log was set up")
                .containsPattern("ERROR logback - broken\\R(?s).*java.io.IOException: disk")
                .doesNotContain("fine");
    }

    @Test
    void theJdksLoggersStayAtInfoUnderADebugLevelAndFollowAQuieterOne() {
        assertThat(levelUnder("jdk.event.security", "DEBUG")).isEqualTo(Level.INFO);
        assertThat(levelUnder("jdk.event.security", "WARN")).isEqualTo(Level.WARN);
        assertThat(levelUnder("jdk.event.security", null)).isEqualTo(Level.INFO);
    }

    @Test
    void nettysLoggersStayAtWarnAndFollowAQuieterLevel() {
        // pinned at WARN, Netty's warnings still came under forecourt.log.level=ERROR
        assertThat(levelUnder("io.netty.channel", null)).isEqualTo(Level.WARN);
        assertThat(levelUnder("io.netty.channel", "DEBUG")).isEqualTo(Level.WARN);
        assertThat(levelUnder("io.netty.channel", "ERROR")).isEqualTo(Level.ERROR);
    }

    private static Level levelUnder(String logger, String level) {
        String before = System.getProperty("forecourt.log.level");
        try {
            if (level == null) {
                System.clearProperty("forecourt.log.level");
            } else {
                System.setProperty("forecourt.log.level", level);
            }
            LoggerContext context = new LoggerContext();
            new ConsoleLog().configure(context);
            return context.getLogger(logger).getEffectiveLevel();
        } finally {
            if (before == null) {
                System.clearProperty("forecourt.log.level");
            } else {
                System.setProperty("forecourt.log.level", before);
            }
        }
    }
}
