package dev.forecourt.http;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;

/**
 * {@link TcpRelayTest} on epoll, the transport a machine without io_uring (or with it turned off) runs.
 *
 * <p>Disabled: with Netty 4.2.18's epoll, about one run in five of the 100 MB test loses the tail of one direction
 * after the other direction's FIN (half-closure): a write to the half-closed channel that needs EPOLLOUT fails in
 * {@code AbstractEpollChannel.setFlag} with {@code epoll_ctl(..) failed with error(-2): No such file or directory}
 * (the fd is no longer in the loop's epoll set), which Netty turns into a shutdown of that channel's output, dropping
 * what was queued. io_uring (the default) never showed it. Enable to reproduce; see the link-wire report.
 */
@Disabled("Netty 4.2.18 epoll drops queued writes after a half-close under load: see the class comment")
class TcpRelayEpollTest extends TcpRelayTest {
    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("relay-epoll-test", true), EpollIoHandler.newFactory());
    }
}
