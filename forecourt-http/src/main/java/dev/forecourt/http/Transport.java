package dev.forecourt.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * The socket transport: Linux io_uring where the kernel allows it, else epoll, else NIO. io_uring submits a loop
 * turn's reads and writes in one system call instead of one each: on the ingress benchmark it costs a quarter less
 * CPU per proxied request than epoll. It can't sendfile, though: it splices, and hands every splice to its kernel
 * worker threads (measured on 200 KiB cache hits: those threads did nearly half the work). So listeners that send
 * files whole (a distribution's disk hits) get loops of their own on epoll ({@link #newSendfileGroup}). The system
 * property {@code forecourt.transport} ({@code io_uring}, {@code epoll}, {@code nio}; {@code FORECOURT_TRANSPORT} in
 * bin/forecourt) picks the preferred one; a choice the machine can't honour falls back down the same list.
 */
public final class Transport {
    private Transport() {}

    private enum Kind { IO_URING, EPOLL, NIO }

    private static final Kind PREFERRED = choose(System.getProperty("forecourt.transport", "io_uring"));

    private static Kind choose(String wanted) {
        Kind w = switch (wanted.toLowerCase(Locale.ROOT)) {
            case "epoll" -> Kind.EPOLL;
            case "nio" -> Kind.NIO;
            default -> Kind.IO_URING;
        };
        if (w == Kind.IO_URING && IoUring.isAvailable()) {
            return Kind.IO_URING;
        }
        if (w != Kind.NIO && Epoll.isAvailable()) {
            return Kind.EPOLL;
        }
        return Kind.NIO;
    }

    /**
     * The event loops that run listeners, upstream connections and health checks: one per core by default, each under
     * the configured scheduling policy ({@link LoopScheduling}).
     */
    public static EventLoopGroup newGroup(int threads, String name) {
        return newGroup(PREFERRED, threads, name);
    }

    /** Event loops for listeners that send files whole: epoll (sendfile) where the preferred transport is io_uring. */
    public static EventLoopGroup newSendfileGroup(int threads, String name) {
        return newGroup(PREFERRED == Kind.IO_URING && Epoll.isAvailable() ? Kind.EPOLL : PREFERRED, threads, name);
    }

    /**
     * Whether this group's sockets take a file region in the loop's own call (sendfile), not through workers, or no
     * transport here would do better (io_uring without epoll): then file-sending listeners may share it.
     */
    public static boolean sendsFilesWhole(EventLoopGroup group) {
        return kindOf(group) != Kind.IO_URING || !Epoll.isAvailable();
    }

    private static EventLoopGroup newGroup(Kind kind, int threads, String name) {
        IoHandlerFactory io = switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, LoopScheduling.CONFIGURED.threads(name), io);
    }

    private static Kind kindOf(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup io) {
            if (io.isCompatible(IoUringIoHandle.class)) {
                return Kind.IO_URING;
            }
            if (io.isCompatible(EpollIoHandle.class)) {
                return Kind.EPOLL;
            }
        }
        return Kind.NIO;
    }

    static Class<? extends ServerSocketChannel> serverChannel(EventLoopGroup group) {
        return switch (kindOf(group)) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /**
     * The socket channels for connections to {@code target}: of the IPv4 family for an IPv4 address on epoll and NIO,
     * where Netty's default, a dual-stack IPv6 socket, costs a setsockopt (IPV6_V6ONLY) more per connection. io_uring's
     * channel offers no choice of family.
     */
    static ChannelFactory<SocketChannel> clientChannels(EventLoopGroup loop, InetSocketAddress target) {
        boolean v4 = target.getAddress() instanceof Inet4Address;
        return switch (kindOf(loop)) {
            case IO_URING -> IoUringSocketChannel::new;
            case EPOLL -> v4 ? () -> new EpollSocketChannel(SocketProtocolFamily.INET) : EpollSocketChannel::new;
            case NIO -> v4 ? () -> new NioSocketChannel(SelectorProvider.provider(), SocketProtocolFamily.INET)
                    : NioSocketChannel::new;
        };
    }

    /**
     * TCP keep-alive on every socket the server accepts. On the native transports it is set once on the listening
     * socket, before it binds, and Linux hands it on to each accepted socket: a setsockopt fewer per connection
     * (NIO's server channel can't take it, so there each accepted channel gets it).
     */
    static void keepAliveForAccepted(ServerBootstrap b, EventLoopGroup group) {
        if (kindOf(group) == Kind.NIO) {
            b.childOption(ChannelOption.SO_KEEPALIVE, true);
            return;
        }
        b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel listening) throws java.io.IOException {
                ((io.netty.channel.unix.Socket) ((io.netty.channel.unix.UnixChannel) listening).fd()).setKeepAlive(true);
            }
        });
    }

    /** Whether a file region written to this connection goes out by sendfile (see the class comment). */
    static boolean sendfile(Channel connection) {
        return !(connection instanceof IoUringSocketChannel);
    }

    /**
     * Holds back (or lets go of) partial segments on an epoll connection (TCP_CORK), so that a head written before a
     * file region leaves in the region's first segment, not in a packet of its own that wakes the reader for a few
     * hundred bytes (as nginx's {@code tcp_nopush} does with sendfile). False where it can't (NIO, io_uring).
     */
    static boolean cork(Channel connection, boolean on) {
        if (!(connection instanceof EpollSocketChannel epoll) || !connection.isActive()) {
            return false;
        }
        try {
            epoll.config().setTcpCork(on);
            return true;
        } catch (io.netty.channel.ChannelException closedMeanwhile) {
            return false;
        }
    }

    /** The preferred transport's name. */
    public static String describe() {
        return PREFERRED.name().toLowerCase(Locale.ROOT);
    }
}
