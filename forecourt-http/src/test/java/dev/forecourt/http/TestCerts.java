package dev.forecourt.http;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for tests: PEM files with the given DNS names. */
public final class TestCerts {
    private TestCerts() {}

    public record Pem(Path cert, Path key) {}

    public static Pem selfSigned(Path dir, String... names) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return selfSigned(dir, g.generateKeyPair(), names);
    }

    /** ... for the key pair given. */
    public static Pem selfSigned(Path dir, KeyPair kp, String... names) throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + names[0]),
                BigInteger.valueOf(now), new Date(now - 86_400_000L), new Date(now + 86_400_000L * 30),
                new X500Name("CN=" + names[0]), kp.getPublic());
        GeneralName[] sans = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            sans[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
        Path cert = dir.resolve(names[0].replace('*', '_') + ".pem");
        Path key = dir.resolve(names[0].replace('*', '_') + ".key");
        Files.writeString(cert, pem(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder)));
        Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(kp.getPrivate(), null).generate()));
        return new Pem(cert, key);
    }

    /** A client context that trusts exactly these PEM certificates. */
    public static javax.net.ssl.SSLContext trusting(Path... pems) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Path p : pems) {
            try (var in = Files.newInputStream(p)) {
                ks.setCertificateEntry("c" + i++, java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
