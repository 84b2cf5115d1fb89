package dev.forecourt.edge.observe;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.HopId;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.time.Instant;

/** One line per request, in a configured format, written off the event loop. */
public final class AccessLog implements AutoCloseable {
    private static final AccessLog OFF = new AccessLog(null, null);
    private final LogFormat format;
    private final LogWriter writer;

    private AccessLog(LogFormat format, LogWriter writer) {
        this.format = format;
        this.writer = writer;
    }

    public static AccessLog off() {
        return OFF;
    }

    public static AccessLog open(AccessLogConfig config) throws IOException {
        if (!config.enabled()) {
            return OFF;
        }
        return new AccessLog(LogFormat.compile(config.format()), new LogWriter(config.path()));
    }

    /** What the viewer sent (Host, target, User-Agent as they arrived), and what became of it. */
    public void log(Exchange x, int status, long bytes, Throwable failure) {
        if (writer == null) {
            return;
        }
        HttpRequest r = x.request();
        long now = System.nanoTime();
        String error = x.error() != null ? x.error().code()
                : failure instanceof dev.forecourt.http.ForecourtException fe ? fe.type().code() // whose fault it was
                : failure != null ? "client_abort" : null;
        writer.write(format.format(new LogEntry(Instant.now(), client(x.connection()), x.hop().id(),
                x.arrivedHost(), r.method().name(), x.arrivedUri(), x.protocol(), status,
                bytes, (now - x.startNanos()) / 1e6, x.upstream(),
                x.upstreamNanos() >= 0 ? x.upstreamNanos() / 1e6 : null, error, x.requestId(), x.traceId(), x.route(),
                x.userAgent(), ResultTypes.result(x, failure),
                ResultTypes.detailed(x, failure), x.firstByteNanos() > 0 ? (x.firstByteNanos() - x.startNanos()) / 1e6 : null,
                r.headers().get(HttpHeaderNames.REFERER), x.connection().scheme(), port(x.connection()),
                format.namesAttributes() ? x::attr : null))); // the method reference is an object: made only when read
    }

    /** A request the connection refused before any stage saw it (its head malformed, too large, too slow). */
    public void logRejection(HopId hop, ErrorType type, ConnectionInfo c, HttpRequest r, long bytes) {
        if (writer == null) {
            return;
        }
        writer.write(format.format(new LogEntry(Instant.now(), client(c), hop.id(),
                r == null ? null : r.headers().get(HttpHeaderNames.HOST), r == null ? null : r.method().name(),
                r == null ? null : r.uri(), c.protocol(), type.status().code(), bytes, 0, null, null, type.code(), null,
                null, null, r == null ? null : r.headers().get(HttpHeaderNames.USER_AGENT), "Error", type.code(), null,
                r == null ? null : r.headers().get(HttpHeaderNames.REFERER), c.scheme(), port(c), null)));
    }

    private static String client(ConnectionInfo c) {
        return c.clientIp();
    }

    private static Integer port(ConnectionInfo c) {
        return c.remote() == null ? null : c.remote().getPort();
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
