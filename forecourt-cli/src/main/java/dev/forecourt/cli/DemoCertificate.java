package dev.forecourt.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's private endpoint certificate: self-signed, made at every start with a key of its own (nothing secret is
 * shipped), for the domains the ingress's private listener serves. The hops that connect to that listener (the API's
 * integration, a distribution origin) and a user's curl trust it by its file ({@code caFile}, {@code --cacert}).
 */
final class DemoCertificate {
    /** The first is the certificate's subject; the private listener serves every service, so it covers them all. */
    static final List<String> NAMES = List.of("iiif.internal", "iiif.localhost", "echo.internal", "*.echo.localhost",
            "private.internal");
    static final String CERT = "private-endpoint.pem";
    static final String KEY = "private-endpoint.key";

    private DemoCertificate() {}

    /** Writes {@link #CERT} and {@link #KEY} into {@code dir}. */
    static void write(Path dir) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + NAMES.getFirst());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(NAMES.stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            // its own CA, so that a file holding it is a trust anchor for OpenSSL (curl --cacert) as for the JDK
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            Files.writeString(dir.resolve(CERT), pem(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()))));
            Files.writeString(dir.resolve(KEY), pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("the demo's certificate could not be made: " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
