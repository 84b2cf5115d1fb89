package dev.forecourt.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusUtil;
import dev.forecourt.http.TimeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * How the forecourt command logs: one line per event on stderr, {@code HH:mm:ss.SSS LEVEL Logger - message}, INFO and
 * up (Netty's WARN and up; {@code -Dforecourt.log.level=WARN} or {@code ERROR} quiets the rest too, Netty's included,
 * as the CLI's own tests do). Made in code, not from a logback.xml: Joran's XML reading was a tenth of a start's main thread (measured with JFR). A
 * {@code -Dlogback.configurationFile} still wins: then this steps aside for logback's own reading of that file.
 */
public final class ConsoleLog extends ContextAwareBase implements Configurator {
    private static final ZoneId ZONE = ZoneId.systemDefault();

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
        noLouderThan(context.getLogger("io.netty"), Level.WARN, root.getLevel());
        noLouderThan(context.getLogger("jdk"), Level.INFO, root.getLevel()); // under DEBUG: not the JDK's security events
        if (!StatusUtil.contextHasStatusListener(context)) { // one of the user's (logback.statusListenerClass) says it
            LogbackProblems problems = new LogbackProblems();
            context.getStatusManager().getCopyOfStatusList().forEach(problems::addStatusEvent);
            context.getStatusManager().add(problems);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A library's loggers: at {@code loudest} at most, and as quiet as the root where it is quieter. */
    private static void noLouderThan(ch.qos.logback.classic.Logger library, Level loudest, Level root) {
        library.setLevel(root.isGreaterOrEqual(loudest) ? root : loudest);
    }

    /**
     * Logback's own warnings and errors, as lines of this log. A context with a listener of its own is one logback
     * does not print (in a format of its own) after setting up, and the printer's first use alone loads the JDK's
     * date formatting and locale data into every start.
     */
    static final class LogbackProblems implements StatusListener {
        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() < Status.WARN) return;
            StringWriter trace = null;
            if (status.getThrowable() != null) {
                trace = new StringWriter();
                status.getThrowable().printStackTrace(new PrintWriter(trace));
            }
            System.err.print(LineEncoder.line(status.getTimestamp(), status.getEffectiveLevel() == Status.WARN ? "WARN"
                    : "ERROR", "logback", status.getMessage(), trace == null ? null : trace.toString().stripTrailing()));
        }
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
            return line(event.getTimeStamp(), event.getLevel().toString(), logger.substring(logger.lastIndexOf('.') + 1),
                    event.getFormattedMessage(), event.getThrowableProxy() == null ? null
                            : ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }

        static String line(long time, String level, String logger, String message, String stackTrace) {
            StringBuilder line = TimeText.clockMillis(new StringBuilder(96), time, ZONE).append(' ').append(level)
                    .append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ').append(logger).append(" - ")
                    .append(message).append(System.lineSeparator());
            if (stackTrace != null) line.append(stackTrace).append(System.lineSeparator());
            return line.toString();
        }
    }
}
