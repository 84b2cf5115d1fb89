package dev.forecourt.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a TCP listener ({@link Listener#startTcp}) does with each connection: asks its {@link TargetPicker} for a
 * target, connects to it, optionally writes a PROXY protocol v2 header naming the client, then relays bytes both
 * ways untouched (half-closes passed on, each side read only while the other can take more) until either side
 * ends, the connection is idle for {@code idleTimeout}, or the target is deregistered. Each connection's end is one
 * {@link RelayRecord} to {@code onClose}, which runs on the connection's event loop and must not block.
 */
public final class TcpRelay {
    private static final Logger LOG = LoggerFactory.getLogger(TcpRelay.class);

    /**
     * How a relay connects and when it gives up. {@code proxyProtocol}: write a PROXY v2 header to the target first.
     * {@code targetTls}: speak TLS to the target (an NLB target group of protocol TLS), null: plain TCP.
     * Bytes go through user space (a read buffer per direction): splice, socket to socket in the kernel, exists in
     * Netty for epoll only, counts nothing and sees no idle time, so it is not offered.
     */
    public record Settings(Duration connectTimeout, Duration idleTimeout, boolean proxyProtocol, ClientTls targetTls) {
        /** NLB's: a 10 s connect timeout, 350 s idle timeout, no PROXY header, plain TCP to the target. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(350), false, null);

        public Settings {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
            }
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
            }
        }

        public Settings withConnectTimeout(Duration d) {
            return new Settings(d, idleTimeout, proxyProtocol, targetTls);
        }

        public Settings withIdleTimeout(Duration d) {
            return new Settings(connectTimeout, d, proxyProtocol, targetTls);
        }

        public Settings withProxyProtocol(boolean on) {
            return new Settings(connectTimeout, idleTimeout, on, targetTls);
        }

        public Settings withTargetTls(ClientTls tls) {
            return new Settings(connectTimeout, idleTimeout, proxyProtocol, tls);
        }
    }

    private final TargetPicker picker;
    private final Settings settings;
    private final Consumer<RelayRecord> onClose;
    private final RelayWatch watch;
    private final LogLimit logLimit = new LogLimit(10);
    private final AtomicInteger open = new AtomicInteger();

    public TcpRelay(TargetPicker picker, Settings settings, Consumer<RelayRecord> onClose) {
        this(picker, settings, onClose, RelayWatch.NONE);
    }

    /** {@code watch}: told of the connections it asks about ({@code trace}). */
    public TcpRelay(TargetPicker picker, Settings settings, Consumer<RelayRecord> onClose, RelayWatch watch) {
        this.picker = Objects.requireNonNull(picker, "picker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    public Settings settings() {
        return settings;
    }

    RelayWatch watch() {
        return watch;
    }

    TargetPicker picker() {
        return picker;
    }

    /**
     * The relay's handler in place of a codec: the relay's connect and idle timers take over from accept-deadline.
     * {@code startNow}: the connection was accepted earlier (a PROXY header or a TLS handshake came first), so the
     * relay starts as it is added rather than when the connection becomes active.
     */
    void install(ChannelPipeline p, ListenerSpec spec, boolean startNow) {
        Listener.codecChosen(p);
        p.addBefore(ConnectionErrors.NAME, RelayConnection.NAME, new RelayConnection(this, spec.name(), p.channel(), startNow).clientSide());
    }

    /** A connection the listener closed at once for being over its limit. */
    void refused(Channel connection, ListenerSpec spec) {
        record(new RelayRecord(spec.name(), ProxyHeader.clientOf(connection), null, 0, 0, 0, 0, Duration.ZERO,
                RelayRecord.Reason.CONNECTION_LIMIT));
    }

    /**
     * Connections this relay started whose records are not written yet: what still reports to {@code onClose} (and
     * to the log behind it, which a reload may close once this is 0). A record comes once both sides have closed.
     */
    public int open() {
        return open.get();
    }

    void started() {
        open.incrementAndGet();
    }

    /** A connection counted by {@link #started} that goes on without a record here (another relay takes it). */
    void handedOver() {
        open.decrementAndGet();
    }

    /** A started connection's record: the last thing it does. */
    void ended(RelayRecord r) {
        try {
            record(r);
        } finally {
            open.decrementAndGet();
        }
    }

    void record(RelayRecord r) {
        try {
            onClose.accept(r);
        } catch (RuntimeException e) {
            LOG.warn("a relay's close listener failed on {}", r, e);
        }
    }

    /** An error no rule expected (not a socket's reset): worth a line, but not one per connection under load. */
    void unexpected(String listener, Throwable cause) {
        long suppressed = logLimit.take();
        if (suppressed >= 0) {
            LOG.warn("{}: relayed connection failed{}", listener,
                    suppressed > 0 ? " (" + suppressed + " more like it not logged)" : "", cause);
        }
    }
}
