package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PROXY protocol v2 header: its encoding and strict decoding, and an HTTP listener that requires it. */
class ProxyHeaderTest {
    static final InetSocketAddress CLIENT4 = new InetSocketAddress("203.0.113.7", 40001);
    static final InetSocketAddress LINK4 = new InetSocketAddress("10.0.0.1", 443);
    static final InetSocketAddress CLIENT6 = new InetSocketAddress("2001:db8::7", 40002);
    static final InetSocketAddress LINK6 = new InetSocketAddress("2001:db8::1", 8443);

    private static ByteBuf encode(InetSocketAddress src, InetSocketAddress dst) {
        return ProxyHeader.encode(UnpooledByteBufAllocator.DEFAULT, src, dst);
    }

    @Test
    void anIpv4HeaderIsTheSpecsBytesAndDecodesToItsAddresses() {
        ByteBuf b = encode(CLIENT4, LINK4);
        assertThat(ByteBufUtil.hexDump(b)).isEqualTo("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c"
                + "cb007107" + "0a000001" + "9c41" + "01bb");
        assertThat(ProxyHeader.decode(b)).isEqualTo(new ProxyHeader.Addresses(CLIENT4, LINK4));
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void anIpv6HeaderRoundTrips() {
        ByteBuf b = encode(CLIENT6, LINK6);
        assertThat(b.readableBytes()).isEqualTo(16 + 36);
        assertThat(b.getByte(13)).isEqualTo((byte) 0x21);
        assertThat(ProxyHeader.decode(b)).isEqualTo(new ProxyHeader.Addresses(CLIENT6, LINK6));
    }

    @Test
    void anIpv4ClientOnAnIpv6ListenerGoesAsIpv4MappedAndComesBackAsIpv4() {
        ByteBuf b = encode(CLIENT4, LINK6);
        assertThat(b.getByte(13)).isEqualTo((byte) 0x21);
        assertThat(ProxyHeader.decode(b)).isEqualTo(new ProxyHeader.Addresses(CLIENT4, LINK6));
    }

    @Test
    void anIncompleteHeaderWaitsWithoutConsumingAndTheBytesAfterItStay() {
        ByteBuf whole = Unpooled.wrappedBuffer(encode(CLIENT4, LINK4), Unpooled.copiedBuffer("GET", StandardCharsets.US_ASCII));
        for (int n = 0; n < 28; n++) {
            ByteBuf part = whole.slice(0, n);
            assertThat(ProxyHeader.decode(part)).as("%d bytes", n).isNull();
            assertThat(part.readerIndex()).isZero();
        }
        assertThat(ProxyHeader.decode(whole).source()).isEqualTo(CLIENT4);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).isEqualTo("GET");
    }

    @Test
    void tlvsAfterTheAddressesAreSkipped() {
        ByteBuf b = encode(CLIENT4, LINK4);
        b.setShort(14, 12 + 7);
        b.writeBytes(new byte[] {0x04, 0x00, 0x04, 'a', 'b', 'c', 'd'}); // PP2_TYPE_NOOP
        b.writeByte('!');
        assertThat(ProxyHeader.decode(b).source()).isEqualTo(CLIENT4);
        assertThat(b.readableBytes()).isEqualTo(1);
    }

    @Test
    void aLocalHeaderCarriesNoAddress() {
        ByteBuf b = encode(CLIENT4, LINK4);
        b.setByte(12, 0x20); // LOCAL: a health check from the proxy itself
        assertThat(ProxyHeader.decode(b)).isEqualTo(ProxyHeader.Addresses.NONE);
    }

    @Test
    void whatIsNotAValidHeaderIsRefused() {
        assertThatThrownBy(() -> ProxyHeader.decode(Unpooled.copiedBuffer("G", StandardCharsets.US_ASCII)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("signature"); // at the first byte
        assertThatThrownBy(() -> ProxyHeader.decode(Unpooled.copiedBuffer("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(CorruptedFrameException.class); // version 1 is not accepted
        ByteBuf v1 = encode(CLIENT4, LINK4);
        v1.setByte(12, 0x11);
        assertThatThrownBy(() -> ProxyHeader.decode(v1)).hasMessageContaining("version 1");
        ByteBuf command = encode(CLIENT4, LINK4);
        command.setByte(12, 0x22);
        assertThatThrownBy(() -> ProxyHeader.decode(command)).hasMessageContaining("command 2");
        ByteBuf udp = encode(CLIENT4, LINK4);
        udp.setByte(13, 0x12);
        assertThatThrownBy(() -> ProxyHeader.decode(udp)).hasMessageContaining("not TCP");
        ByteBuf tooLong = encode(CLIENT4, LINK4);
        tooLong.setShort(14, ProxyHeader.MAX_LENGTH - 16 + 1);
        assertThatThrownBy(() -> ProxyHeader.decode(tooLong)).hasMessageContaining("over 536"); // refused before it arrives
        ByteBuf tooShort = encode(CLIENT6, LINK6);
        tooShort.setShort(14, 12);
        tooShort.writerIndex(16 + 12);
        assertThatThrownBy(() -> ProxyHeader.decode(tooShort)).hasMessageContaining("too short");
    }

    // ---- an HTTP listener that requires the header ----

    static EventLoopGroup group;
    static Listener server;
    static final AtomicInteger handled = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        group = Transport.newGroup(1, "proxy-test");
        server = Listener.start(new ListenerSpec("ingress", new InetSocketAddress("127.0.0.1", 0), null, Limits.DEFAULT, true),
                new TextHandler(x -> {
                    handled.incrementAndGet();
                    return x.connection().clientIp() + " " + x.connection().remote().getPort();
                }), group);
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static String exchange(byte[]... parts) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.connect(server.address(), 2000);
            OutputStream out = s.getOutputStream();
            for (byte[] p : parts) {
                out.write(p);
                out.flush();
            }
            try {
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException reset) {
                return "";
            }
        }
    }

    @Test
    void theHeadersClientIsTheRequestsClient() throws Exception {
        String answer = exchange(ByteBufUtil.getBytes(encode(CLIENT4, (InetSocketAddress) server.address())), GET);
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n203.0.113.7 40001");
        byte[] header6 = ByteBufUtil.getBytes(encode(CLIENT6, LINK6));
        // the header split across segments, and the request in the same segment as its end
        byte[] rest = new byte[header6.length - 5 + GET.length];
        System.arraycopy(header6, 5, rest, 0, header6.length - 5);
        System.arraycopy(GET, 0, rest, header6.length - 5, GET.length);
        assertThat(exchange(java.util.Arrays.copyOf(header6, 5), rest)).endsWith("\r\n\r\n2001:db8:0:0:0:0:0:7 40002");
    }

    @Test
    void aLocalHeaderLeavesTheSocketsAddress() throws Exception {
        ByteBuf local = encode(CLIENT4, LINK4);
        local.setByte(12, 0x20);
        assertThat(exchange(ByteBufUtil.getBytes(local), GET)).contains("\r\n\r\n127.0.0.1 ");
    }

    @Test
    void aRequestWithoutTheHeaderOrWithGarbageIsClosedUnanswered() throws Exception {
        int before = handled.get();
        assertThat(exchange(GET)).isEmpty();
        assertThat(exchange("\r\n\r\n\0\r\nQUIT\nxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.ISO_8859_1), GET)).isEmpty();
        ByteBuf v1 = encode(CLIENT4, LINK4);
        v1.setByte(12, 0x11);
        assertThat(exchange(ByteBufUtil.getBytes(v1), GET)).isEmpty();
        assertThat(handled.get()).isEqualTo(before);
    }
}
