package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A body that breaks before anything subscribed to it: what had come of it is let go, and a later sink gets the break. */
class ChannelBodyTest {
    @Test
    void aBodyThatBreaksBeforeItsSinkComesReleasesWhatCameAndHandsOnTheBreakAlone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelBody body = new ChannelBody(channel, 10);
        HttpContent part = new DefaultHttpContent(Unpooled.copiedBuffer("01234", StandardCharsets.US_ASCII));
        body.offer(part);
        body.fail(new ForecourtException(ErrorType.REQUEST_TIMEOUT, "stalled"));
        assertThat(part.refCnt()).as("the part that came before the break").isZero();
        assertThat(body.brokeUnread()).isTrue();

        List<Object> seen = new ArrayList<>();
        body.subscribe(new BodySink() {
            @Override
            public void onContent(HttpContent content) {
                seen.add(content);
                content.release();
            }

            @Override
            public void onError(Throwable cause) {
                seen.add(cause.getMessage());
            }
        });
        assertThat(seen).containsExactly("stalled");
        channel.finishAndReleaseAll();
    }
}
