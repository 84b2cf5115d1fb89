package dev.forecourt.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How the forecourt command logs: one line per event on stderr, {@code HH:mm:ss.SSS LEVEL Logger - message}, INFO and
 * up (Netty's WARN and up; {@code -Dforecourt.log.level=WARN} quiets the rest too, as the CLI's own tests do). Made in
 * code, not from a logback.xml: Joran's XML reading was a tenth of a start's main thread (measured with JFR). A
 * {@code -Dlogback.configurationFile} still wins: then this steps aside for logback's own reading of that file.
 */
public final class ConsoleLog extends ContextAwareBase implements Configurator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineEncoder encoder = new LineEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("forecourt.log.level"), Level.INFO));
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** One event as one line (then its stack trace, if any): {@code %d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n}. */
    static final class LineEncoder extends EncoderBase<ILoggingEvent> {
        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            return line(event).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }

        static String line(ILoggingEvent event) {
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(96).append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                    .append(' ').append(String.format("%-5s", event.getLevel()))
                    .append(' ').append(logger.substring(logger.lastIndexOf('.') + 1))
                    .append(" - ").append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
            return line.toString();
        }
    }
}
