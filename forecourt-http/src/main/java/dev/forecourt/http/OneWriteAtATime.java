package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Writes into one channel a buffer at a time: the next goes once the last is written, and what comes meanwhile waits
 * here, where its writer can see how much waits and pause. Used on the channel's event loop only.
 *
 * <p>Why not hand Netty every buffer at once: Netty's io_uring channel (4.2.18 to 4.2.20) writes two or more buffers
 * with writev, which on a full socket comes back EAGAIN, and it then polls the socket for POLLOUT. On a socket whose
 * peer has sent its FIN the kernel answers any poll at once with POLLRDHUP (io_uring always adds it to the mask), and
 * that answer, POLLRDHUP without POLLOUT, the channel takes for a read-side event: it goes on waiting for a POLLOUT it
 * no longer asked for and never writes again (seen with perf's io_uring tracepoints: POLL_ADD, result 8192). A relay
 * meets this when a side half-closes and then reads slowly. One buffer goes out with send, which io_uring retries by
 * itself while the socket is full, so the channel never polls for POLLOUT. A TLS handler in the channel's pipeline must
 * keep a buffer one buffer too ({@code SslHandler.setWrapDataSize(0)}): by default it cuts one into 16 KiB pieces,
 * each written apart. A TLS handler may still write one flush as several buffers (a record and an alert, an empty
 * buffer beside): {@link OneBufferPerFlush} under it makes them one.
 */
final class OneWriteAtATime implements ChannelFutureListener {
    private final Channel channel;
    private final Runnable written;     // after each buffer written: the writer may read again
    private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>(4);
    private long waitingBytes;
    private long dropped;
    private long writingBytes;          // of the buffer with the channel
    private boolean writing;            // one buffer is with the channel
    private boolean held;               // the channel is not ready yet (connecting, its TLS handshake): all waits
    private boolean gone;               // nothing can be sent to the channel any more (gone())
    private Runnable whenAllWritten;

    /** {@code held}: keep everything until {@link #ready()}. {@code written}: run after each buffer written. */
    OneWriteAtATime(Channel channel, boolean held, Runnable written) {
        this.channel = channel;
        this.held = held;
        this.written = written;
    }

    /** Writes {@code b} now if nothing else is being written or waits, else keeps it for its turn. */
    void write(ByteBuf b) {
        if (gone) { // nothing can be sent to this channel any more: dropped, and counted so
            dropped += b.readableBytes();
            b.release();
            return;
        }
        if (writing || held || !waiting.isEmpty()) {
            waiting.add(b);
            waitingBytes += b.readableBytes();
        } else {
            send(b);
        }
    }

    /** Bytes kept here, not yet given to the channel. */
    long waiting() {
        return waitingBytes;
    }

    /** The channel is ready: what was kept goes now, in order. */
    void ready() {
        held = false;
        next();
    }

    /** Runs {@code then} once everything written so far has been written (now, if it has). */
    void whenAllWritten(Runnable then) {
        whenAllWritten = then;
        if (!writing && !held && waiting.isEmpty()) {
            next();
        }
    }

    /**
     * Nothing more can be sent to this channel (its TLS peer's close_notify closed our engine's sending too): what
     * waits and what comes is dropped from now on, and the writer may read on (what it reads goes the same way).
     */
    void gone() {
        gone = true;
        Runnable then = whenAllWritten; // a FIN to pass on once all is written: all there will be is written now
        discard();
        whenAllWritten = then;
        if (!writing && !held) {
            next();
        }
        written.run();
    }

    /** Drops what waits (the connection is ending). */
    void discard() {
        dropped += waitingBytes;
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        waitingBytes = 0;
        whenAllWritten = null;
    }

    /**
     * Bytes given to this and dropped, never written, with those of a write still unconfirmed (a closed channel fails
     * it after its close is told): a connection's record counts what was relayed.
     */
    long dropped() {
        return dropped + (writing ? writingBytes : 0);
    }

    private void send(ByteBuf b) {
        writing = true;
        writingBytes = b.readableBytes();
        channel.writeAndFlush(b, channel.newPromise()).addListener(this);
    }

    @Override
    public void operationComplete(ChannelFuture f) {
        writing = false;
        if (!f.isSuccess()) {
            dropped += writingBytes; // its bytes did not get through either
            discard();
            if (channel.isRegistered()) { // where a void promise would have put it: the channel's side takes it
                channel.pipeline().fireExceptionCaught(f.cause());
            }
            return;
        }
        next();
        written.run();
    }

    private void next() {
        ByteBuf b = waiting.poll();
        if (b != null) {
            waitingBytes -= b.readableBytes();
            send(b);
        } else if (whenAllWritten != null) {
            Runnable then = whenAllWritten;
            whenAllWritten = null;
            then.run();
        }
    }
}
