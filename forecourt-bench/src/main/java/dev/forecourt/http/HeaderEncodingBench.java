package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The response head the ingress writes for every proxied request (nginx's headers plus Via and Server-Timing),
 * encoded by Netty's encoder and by Forecourt's ({@link HeaderBlock}: one copy into the buffer). In this package
 * because the encoder is package-private. Run: {@code scripts/jmh.sh HeaderEncodingBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Dio.netty.leakDetection.level=disabled"})
public class HeaderEncodingBench {
    @Param({"netty", "forecourt"})
    String encoder;

    private EmbeddedChannel channel;
    private HttpResponse head;

    @Setup
    public void setUp() {
        ChannelHandler h = encoder.equals("netty") ? new HttpResponseEncoder() : new ResponseEncoder();
        channel = new EmbeddedChannel(h);
        head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().add(HttpHeaderNames.SERVER, new AsciiString("envoy"))
                .add(HttpHeaderNames.DATE, "Sat, 21 Nov 2026 23:53:46 GMT")
                .add(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                .add(HttpHeaderNames.CONTENT_LENGTH, "10240")
                .add(HttpHeaderNames.LAST_MODIFIED, "Sat, 21 Nov 2026 23:51:02 GMT")
                .add(HttpHeaderNames.ETAG, "\"6920f9c6-2800\"")
                .add(HttpHeaderNames.CACHE_CONTROL, "public, max-age=3600")
                .add(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                .add(HttpHeaderNames.VIA, new AsciiString("1.1 ingress-public (forecourt)"))
                .add(HeaderNames.SERVER_TIMING, "ingress-public;dur=0.412;desc=\"upstream bench@127.0.0.1:8081 0.301ms\"");
    }

    @Benchmark
    public int encodeHead() {
        channel.writeOutbound(head, LastHttpContent.EMPTY_LAST_CONTENT);
        int n = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            n += out.readableBytes();
            out.release();
        }
        return n;
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }
}
