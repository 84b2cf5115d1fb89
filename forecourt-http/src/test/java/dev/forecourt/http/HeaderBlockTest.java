package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Our one-copy header writer produces exactly the bytes Netty's own encoders do. */
class HeaderBlockTest {

    @Test
    void responsesAndRequestsEncodeByteForByteAsNettys() {
        for (int round = 0; round < 2; round++) { // the second round reuses the thread's scratch array
            String ours = encode(new ResponseEncoder(), response());
            assertThat(ours).isEqualTo(encode(new HttpResponseEncoder(), response()))
                    .contains("\r\nx-cache: Hit from forecourt\r\n", "\r\nx-wide: caf\u00e9 ?\r\n",
                            "\r\nx-big: " + "v".repeat(5000) + "\r\nx-after-big: still here\r\n")
                    .endsWith("\r\nx-many-199: value 199\r\n\r\n");
            assertThat(encode(new RequestEncoder(), request())).isEqualTo(encode(new HttpRequestEncoder(), request()));
        }
    }

    private static DefaultHttpResponse response() {
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        r.headers().add(HeaderNames.X_CACHE, new AsciiString("Hit from forecourt"));
        r.headers().add("x-string", "plain String value");
        r.headers().add("x-wide", "caf\u00e9 \u20ac"); // é is Latin-1, the euro sign is not: written as '?'
        r.headers().add("x-big", "v".repeat(5000)); // larger than the scratch array
        r.headers().add("x-after-big", "still here");
        for (int i = 0; i < 200; i++) {
            r.headers().add("x-many-" + i, "value " + i); // more than the array holds in all
        }
        return r;
    }

    private static DefaultFullHttpRequest request() {
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/iiif/3/a/info.json");
        r.headers().set(HttpHeaderNames.HOST, "iiif.internal");
        r.headers().add(HeaderNames.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        r.headers().add(HeaderNames.X_FORWARDED_FOR, "203.0.113.7, 127.0.0.1");
        return r;
    }

    private static String encode(io.netty.channel.ChannelHandler encoder, HttpObject message) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound(message);
        if (!(message instanceof LastHttpContent)) {
            ch.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        ch.finishAndReleaseAll();
        return out.toString();
    }
}
