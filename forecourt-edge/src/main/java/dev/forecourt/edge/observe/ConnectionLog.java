package dev.forecourt.edge.observe;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.runtime.Kept;
import dev.forecourt.http.HostPort;
import dev.forecourt.http.JsonString;
import dev.forecourt.http.RelayRecord;
import dev.forecourt.http.TcpRelay;
import dev.forecourt.http.TimeText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.LoggerFactory;

/**
 * One line per relayed connection (a link sees bytes, not requests): who, to which target, bytes each way, how
 * long, and why it ended in the taxonomy's words ({@code target_connect_failure}, {@code idle_timeout},
 * {@code deregistered}, ...). A template of {@code $field}s, or {@code json}.
 */
public final class ConnectionLog implements AutoCloseable, Kept.ClosesBy {
    /** The fields a connection line can carry. */
    enum Field {
        TIME, HOP, CLIENT, CLIENT_PORT, TARGET, BYTES_IN, BYTES_OUT, DROPPED_IN, DROPPED_OUT, DURATION_MS, REASON;

        private final String key = name().toLowerCase(Locale.ROOT);
        private static final Field[] ALL = values();

        String key() {
            return key;
        }
    }

    public static final String DEFAULT_FORMAT =
            "$time $hop $client:$client_port $target $bytes_in $bytes_out $duration_ms $reason";
    /** On by default, to stdout, as a hop's access log is. */
    public static final AccessLogConfig DEFAULT = new AccessLogConfig(true, DEFAULT_FORMAT, "stdout");
    private static final ConnectionLog OFF = new ConnectionLog(null, null, null);

    /** How long a closed log waits for the records of connections still open on the relays that write to it. */
    private static final Duration RECORDS_WITHIN = Duration.ofSeconds(40);
    private final String hop;
    private final List<Object> parts; // null: json
    private final LogWriter writer;
    /** The relays that log here (a log kept across reloads has one per configuration): weakly, as they go away. */
    private final Set<TcpRelay> relays = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private ConnectionLog(String hop, List<Object> parts, LogWriter writer) {
        this.hop = hop;
        this.parts = parts;
        this.writer = writer;
    }

    /** Throws IllegalArgumentException naming an unknown field and the allowed ones. */
    public static void compile(String format) {
        parts(format);
    }

    private static List<Object> parts(String format) {
        if ("json".equals(format)) {
            return null;
        }
        return LineTemplate.parse(format, key -> {
            for (Field f : Field.ALL) {
                if (f.key().equals(key)) return f;
            }
            throw new IllegalArgumentException("unknown connection log field '$" + key + "'; allowed: "
                    + String.join(", ", java.util.Arrays.stream(Field.ALL).map(f -> "$" + f.key()).toList()));
        });
    }

    /** {@code hop}: {@code link/NAME}, on every line (several hops may share stdout). */
    public static ConnectionLog open(String hop, AccessLogConfig config) throws IOException {
        if (!config.enabled()) {
            return OFF;
        }
        return new ConnectionLog(hop, parts(config.format()), new LogWriter(config.path()));
    }

    /** One connection has ended. */
    public void log(RelayRecord r) {
        if (writer == null) {
            return;
        }
        InetSocketAddress client = r.client();
        InetSocketAddress target = r.target();
        Object[] v = new Object[Field.ALL.length];
        v[Field.TIME.ordinal()] = TimeText.iso(Instant.now());
        v[Field.HOP.ordinal()] = hop;
        v[Field.CLIENT.ordinal()] = client == null ? null : client.getAddress().getHostAddress();
        v[Field.CLIENT_PORT.ordinal()] = client == null ? null : client.getPort();
        v[Field.TARGET.ordinal()] = target == null ? null
                : new HostPort(target.getAddress().getHostAddress(), target.getPort()).toString();
        v[Field.BYTES_IN.ordinal()] = r.bytesIn();
        v[Field.BYTES_OUT.ordinal()] = r.bytesOut();
        v[Field.DROPPED_IN.ordinal()] = r.droppedIn();
        v[Field.DROPPED_OUT.ordinal()] = r.droppedOut();
        v[Field.DURATION_MS.ordinal()] = r.duration().toNanos() / 1_000_000.0;
        v[Field.REASON.ordinal()] = r.reason().code();
        writer.write(line(v));
    }

    private String line(Object[] v) {
        StringBuilder b = new StringBuilder(160);
        if (parts == null) {
            b.append('{');
            for (Field f : Field.ALL) {
                if (f.ordinal() > 0) b.append(',');
                b.append('"').append(f.key()).append("\":");
                Object x = v[f.ordinal()];
                if (x == null) {
                    b.append("null");
                } else if (x instanceof Number) {
                    b.append(x);
                } else {
                    JsonString.append(b, x.toString());
                }
            }
            return b.append('}').toString();
        }
        for (Object p : parts) {
            if (p instanceof String s) {
                b.append(s);
            } else {
                Object x = v[((Field) p).ordinal()];
                b.append(x == null ? "-" : x);
            }
        }
        return b.toString();
    }

    /** {@code relay}'s connections log here: a close waits for their records. */
    public void writtenBy(TcpRelay relay) {
        if (writer != null) {
            relays.add(relay);
        }
    }

    /**
     * Closes the file once the connections still open on its relays have logged, waiting for them here, up to
     * {@link #RECORDS_WITHIN}: a reload's retire thread calls this for a log the reload dropped, whose connections may
     * run on. A wait on a thread of its own lost them at a stop: the process ended first.
     */
    @Override
    public void close() {
        closeBy(System.nanoTime() + RECORDS_WITHIN.toNanos());
    }

    /** {@link #close} by {@code deadlineNanos}: a stop's, which has closed every connection and waits seconds at most. */
    @Override
    public void closeBy(long deadlineNanos) {
        if (writer == null) {
            return;
        }
        boolean interrupted = false;
        while (open() > 0 && System.nanoTime() - deadlineNanos < 0 && !interrupted) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        int left = open();
        if (left > 0) { // their lines come after the close: counted as dropped, and said here, once
            LoggerFactory.getLogger(ConnectionLog.class).warn("{} connection log closed with {} connections still open "
                    + "on the relays that write to it: their lines are lost", hop, left);
        }
        writer.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int open() {
        synchronized (relays) {
            return relays.stream().mapToInt(TcpRelay::open).sum();
        }
    }
}
