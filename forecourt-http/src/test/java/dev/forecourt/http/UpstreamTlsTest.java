package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS toward an upstream: the SNI name is sent and verified against the certificate, with a CA file; a failed
 * handshake says why and the fix (a missing server name, a TLS version the upstream refuses, the certificate).
 */
class UpstreamTlsTest {
    static EventLoopGroup group;
    static Listener server;
    static Listener requiringSni;
    static TestCerts.Pem pem;
    @TempDir static Path dir;

    @BeforeAll
    static void start() throws Exception {
        group = Transport.newGroup(1, "test");
        pem = TestCerts.selfSigned(dir, "iiif.internal");
        ServerTls tls = ServerTls.of(List.of(new ServerTls.Certificate(pem.cert(), pem.key())), "TLSv1.2");
        server = start(tls);
        requiringSni = start(ServerTls.of(List.of(new ServerTls.Certificate(pem.cert(), pem.key())), "TLSv1.2", true));
    }

    private static Listener start(ServerTls tls) throws Exception {
        return Listener.start(new ListenerSpec("tls-origin", new InetSocketAddress("127.0.0.1", 0), tls, Limits.DEFAULT),
                new RequestHandler() {
                    @Override
                    public void handle(ServerExchange x) {
                        byte[] b = ("sni=" + x.connection().sni()).getBytes(StandardCharsets.UTF_8);
                        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
                        x.respond(head, Body.of(Unpooled.wrappedBuffer(b)), ResponseListener.NONE);
                    }

                    @Override
                    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo c, HttpRequest r) {
                        return new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1, type.status());
                    }
                }, group);
    }

    @AfterAll
    static void stop() {
        server.close();
        requiringSni.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Object> get(String sni) throws Exception {
        return get(server, ClientTls.of(sni, pem.cert(), true));
    }

    private static CompletableFuture<Object> get(Listener to, ClientTls tls) {
        Endpoint e = new Endpoint("tls-origin", to.address(), UpstreamSettings.DEFAULT.withTls(tls));
        return UpstreamGet.get(e, group.next(), "iiif.internal"); // the Host
    }

    private static ForecourtException failure(CompletableFuture<Object> r) throws Exception {
        Object o = r.get(5, TimeUnit.SECONDS);
        assertThat(o).isInstanceOf(ForecourtException.class);
        ForecourtException f = (ForecourtException) o;
        assertThat(f.type()).isEqualTo(ErrorType.UPSTREAM_TLS_FAILURE);
        return f;
    }

    @Test
    void sendsSniAndVerifiesTheCertificateAgainstTheCaFile() throws Exception {
        assertThat(get("iiif.internal").get(5, TimeUnit.SECONDS)).isEqualTo("200 sni=iiif.internal");
    }

    @Test
    void aKeyInTheTraditionalEcFormServesToo() throws Exception {
        // as `openssl ecparam -genkey` writes it, read by the JDK (PemKey), not by BouncyCastle through Netty
        java.security.KeyPair pair = PemKeyTest.p256();
        TestCerts.Pem own = TestCerts.selfSigned(dir, pair, "iiif.internal");
        Path sec1 = java.nio.file.Files.writeString(dir.resolve("sec1.key"), PemKeyTest.sec1(pair));
        Listener sec1Server = start(ServerTls.of(List.of(new ServerTls.Certificate(own.cert(), sec1)), "TLSv1.2"));
        try {
            assertThat(get(sec1Server, ClientTls.of("iiif.internal", own.cert(), true)).get(5, TimeUnit.SECONDS))
                    .isEqualTo("200 sni=iiif.internal");
        } finally {
            sec1Server.close();
        }
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsATlsFailure() throws Exception {
        Object r = get("other.internal").get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(ForecourtException.class);
        ForecourtException f = (ForecourtException) r;
        assertThat(f.type()).isEqualTo(ErrorType.UPSTREAM_TLS_FAILURE);
        assertThat(f.getMessage()).contains("SNI other.internal");
    }

    @Test
    void anUpstreamThatRequiresSniRefusesAHandshakeWithoutAndTheFailureSaysSo() throws Exception {
        assertThat(get(requiringSni, ClientTls.of("iiif.internal", pem.cert(), true)).get(5, TimeUnit.SECONDS))
                .isEqualTo("200 sni=iiif.internal");
        ForecourtException f = failure(get(requiringSni, ClientTls.of(null, pem.cert(), true)));
        assertThat(f.getMessage()).contains("without SNI").containsIgnoringCase("unrecognized_name");
        assertThat(f.fix()).contains("refuses a handshake without one", "tls.serverNameToVerify");
    }

    @Test
    void onlyTlsV1OfferedToATlsV12UpstreamNamesTheVersionsAsTheFix() throws Exception {
        ForecourtException f = failure(get(server, ClientTls.of("iiif.internal", pem.cert(), true, List.of("TLSv1"))));
        assertThat(f.getMessage()).contains("with SNI iiif.internal");
        assertThat(f.fix()).isEqualTo("offer a TLS version the upstream accepts, TLSv1.2 or later (an origin's sslProtocols).");
    }
}
