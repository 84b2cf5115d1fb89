package dev.forecourt.cli.load;

import dev.forecourt.http.PemKey;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Reads PEM certificates and keys with the very code the listeners and origins load them with ({@link PemKey}, then
 * Netty's, which {@code SslContextBuilder} calls for files whatever the TLS provider), so that {@code check} refuses
 * exactly the files {@code run} would. Netty offers it only to subclasses of {@link SslContext}: this class is never made.
 */
abstract class PemFiles extends SslContext {
    private PemFiles() {}

    /** The chain in a certificate file, leaf first; never empty. */
    static X509Certificate[] certificates(Path file) throws Exception {
        X509Certificate[] chain = toX509Certificates(file.toFile());
        if (chain == null || chain.length == 0) {
            throw new java.security.cert.CertificateException("no certificate in it");
        }
        return chain;
    }

    /** An unencrypted private key: as listeners read it, by {@link PemKey} first, else by Netty's reader. */
    static PrivateKey privateKey(Path file) throws Exception {
        PrivateKey key = PemKey.read(file);
        return key != null ? key : toPrivateKey(file.toFile(), null);
    }
}
