package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** ClientHellos made by the JDK's own TLS client, read back as a link reads them. */
class ClientHelloTest {

    private static ByteBuf hello(String sni, List<String> alpn, String... protocols) throws Exception {
        SSLEngine e = SSLContext.getDefault().createSSLEngine(sni == null ? null : sni, 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        if (sni != null) p.setServerNames(List.of(new SNIHostName(sni)));
        else p.setServerNames(List.of());
        p.setApplicationProtocols(alpn.toArray(String[]::new));
        if (protocols.length > 0) p.setProtocols(protocols);
        e.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return Unpooled.wrappedBuffer(out);
    }

    @Test
    void readsTheServerNameTheProtocolsAndTheVersionsOffered() throws Exception {
        ByteBuf b = hello("iiif.internal", List.of("h2", "http/1.1"));
        int before = b.readerIndex();
        ClientHello h = ClientHello.parse(b);
        assertThat(h).isNotNull();
        assertThat(h.sni()).isEqualTo("iiif.internal");
        assertThat(h.alpn()).containsExactly("h2", "http/1.1");
        assertThat(h.versions()).contains("TLSv1.3", "TLSv1.2");
        assertThat(b.readerIndex()).as("the bytes are relayed as they are").isEqualTo(before);
        assertThat(h.describe()).isEqualTo("SNI iiif.internal, ALPN h2 http/1.1, offers " + String.join(" ", h.versions()));
    }

    @Test
    void controlBytesInTheNameAndProtocolsAreShownAsQuestionMarks() throws Exception {
        ByteBuf b = hello("iiif.internal", List.of("h2"));
        replace(b, "iiif.internal", "ii\n\u001b[31m.xyz1");
        replace(b, "h2", "h\u0000");
        ClientHello h = ClientHello.parse(b);
        assertThat(h).isNotNull();
        assertThat(h.sni()).isEqualTo("ii??[31m.xyz1");
        assertThat(h.alpn()).containsExactly("h?");
        assertThat(h.describe()).doesNotContain("\n", "\u001b", "\u0000");
    }

    /** Overwrites the first occurrence of {@code was} in {@code b} with {@code now}, of the same length. */
    private static void replace(ByteBuf b, String was, String now) {
        byte[] from = was.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] to = now.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = b.readerIndex(); i + from.length <= b.writerIndex(); i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) match = b.getByte(i + j) == from[j];
            if (match) {
                b.setBytes(i, to);
                return;
            }
        }
        throw new AssertionError(was + " not in the hello");
    }

    @Test
    void aHelloWithoutServerNameSaysSo() throws Exception {
        ClientHello h = ClientHello.parse(hello(null, List.of(), "TLSv1.2"));
        assertThat(h).isNotNull();
        assertThat(h.sni()).isNull();
        assertThat(h.alpn()).isEmpty();
        assertThat(h.describe()).startsWith("no SNI, no ALPN, offers TLSv1.2");
    }

    @Test
    void bytesThatAreNotAWholeHelloAreNotOne() throws Exception {
        assertThat(ClientHello.parse(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII))).isNull();
        assertThat(ClientHello.parse(Unpooled.EMPTY_BUFFER)).isNull();
        ByteBuf whole = hello("iiif.internal", List.of());
        for (int cut : new int[] {5, 9, 43, whole.readableBytes() / 2, whole.readableBytes() - 1}) {
            assertThat(ClientHello.parse(whole.slice(0, cut))).as("cut at " + cut).isNull();
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) { // a handshake's first bytes, then noise: read or refused, never thrown
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            if (noise.length > 5) {
                noise[0] = 22; noise[1] = 3; noise[5] = 1;
            }
            ClientHello.parse(Unpooled.wrappedBuffer(noise));
        }
    }
}
