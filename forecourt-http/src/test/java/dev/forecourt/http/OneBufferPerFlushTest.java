package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a TLS handler writes between two flushes leaves as one buffer, each write's promise kept. */
class OneBufferPerFlushTest {
    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void severalWritesOfOneFlushLeaveAsOneBufferAndEachPromiseIsKept() {
        EmbeddedChannel ch = new EmbeddedChannel(new OneBufferPerFlush());
        ByteBuf a = text("record");
        ByteBuf b = text("alert");
        ChannelPromise pa = ch.newPromise();
        ChannelPromise pb = ch.newPromise();
        ch.write(a, pa);
        ch.write(b, pb);
        assertThat((Object) ch.readOutbound()).as("nothing before the flush").isNull();
        ch.flush();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("recordalert");
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(pa.isSuccess()).isTrue();
        assertThat(pb.isSuccess()).isTrue();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        out.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aFlushOfOneBufferPassesItAsItIs() {
        EmbeddedChannel ch = new EmbeddedChannel(new OneBufferPerFlush());
        ByteBuf a = text("one");
        ch.writeAndFlush(a);
        assertThat((Object) ch.readOutbound()).isSameAs(a);
        a.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void whatWaitsForAFlushWhenTheHandlerGoesIsReleasedAndItsPromisesFail() {
        EmbeddedChannel ch = new EmbeddedChannel(new OneBufferPerFlush());
        ByteBuf a = text("never flushed");
        ChannelPromise pa = ch.newPromise();
        ch.write(a, pa);
        ch.pipeline().remove(OneBufferPerFlush.class);
        assertThat(a.refCnt()).isZero();
        assertThat(pa.isDone() && !pa.isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }
}
