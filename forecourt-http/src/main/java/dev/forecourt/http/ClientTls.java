package dev.forecourt.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS toward an upstream: the SNI name to send, which is also the name the certificate must carry, and the CAs
 * to trust (a PEM file, else the JDK's defaults). {@code verify=false} exists for tests and labs only.
 */
public final class ClientTls {
    private final String serverName;
    private final SslContext context;
    private final boolean verify;
    private final java.util.List<String> protocols;

    private ClientTls(String serverName, SslContext context, boolean verify, java.util.List<String> protocols) {
        this.serverName = serverName;
        this.context = context;
        this.verify = verify;
        this.protocols = java.util.List.copyOf(protocols);
    }

    public static ClientTls of(String serverName, Path caFile, boolean verify) throws javax.net.ssl.SSLException {
        return of(serverName, caFile, verify, java.util.List.of("TLSv1.3", "TLSv1.2"));
    }

    /** {@code protocols}: the TLS versions offered, e.g. [TLSv1.2, TLSv1.3] (a CloudFront origin's sslProtocols). */
    public static ClientTls of(String serverName, Path caFile, boolean verify, java.util.List<String> protocols)
            throws javax.net.ssl.SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(ServerTls.provider())
                .protocols(protocols.toArray(String[]::new));
        if (!verify) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (caFile != null) {
            b.trustManager(caFile.toFile());
        }
        b.endpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        return new ClientTls(serverName, b.build(), verify, protocols);
    }

    /**
     * The handler for one connection: {@code serverName} is sent as SNI (and verified, where this verifies; null:
     * no SNI); the handshake must end within {@code handshakeTimeout}.
     */
    SslHandler handler(ByteBufAllocator alloc, String serverName, int port, Duration handshakeTimeout) {
        SslHandler ssl = serverName == null ? context.newHandler(alloc) : context.newHandler(alloc, serverName, port);
        SSLEngine engine = ssl.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        engine.setSSLParameters(params);
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return ssl;
    }

    public String serverName() {
        return serverName;
    }

    SslContext context() {
        return context;
    }

    public boolean verify() {
        return verify;
    }

    /** The TLS versions offered, for messages. */
    public java.util.List<String> protocols() {
        return protocols;
    }
}
