package dev.forecourt.cli;

import static dev.forecourt.cli.Der.bitString;
import static dev.forecourt.cli.Der.bool;
import static dev.forecourt.cli.Der.integer;
import static dev.forecourt.cli.Der.octetString;
import static dev.forecourt.cli.Der.oid;
import static dev.forecourt.cli.Der.sequence;
import static dev.forecourt.cli.Der.set;
import static dev.forecourt.cli.Der.tagged;
import static dev.forecourt.cli.Der.utcTime;
import static dev.forecourt.cli.Der.utf8String;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The demo's private endpoint certificate: self-signed, made at every start with a key of its own (nothing secret is
 * shipped), for the domains the ingress's private listener serves. The hops that connect to that listener (the API's
 * integration, a distribution origin) and a user's curl trust it by its file ({@code caFile}, {@code --cacert}).
 * Made with the JDK alone (its EC keys and ECDSA signature; the X.509 layout written by {@link Der}): a certificate
 * library would be thousands of classes in the jar that every start opens, for this one use.
 */
final class DemoCertificate {
    /** The first is the certificate's subject; the private listener serves every service, so it covers them all. */
    static final List<String> NAMES = List.of("iiif.internal", "iiif.localhost", "echo.internal", "*.echo.localhost",
            "private.internal");
    static final String CERT = "private-endpoint.pem";
    static final String KEY = "private-endpoint.key";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";

    private DemoCertificate() {}

    /** Writes {@link #CERT} and {@link #KEY} into {@code dir}. */
    static void write(Path dir) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            byte[] name = sequence(set(sequence(oid(COMMON_NAME), utf8String(NAMES.getFirst()))));
            byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
            byte[][] dnsNames = NAMES.stream().map(n -> tagged(2, false, n.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(byte[][]::new);
            byte[] extensions = sequence(
                    sequence(oid(SUBJECT_ALT_NAME), octetString(sequence(dnsNames))),
                    // its own CA, so that a file holding it is a trust anchor for OpenSSL (curl --cacert) as for the JDK
                    sequence(oid(BASIC_CONSTRAINTS), bool(true), octetString(sequence(bool(true)))));
            byte[] toBeSigned = sequence(
                    tagged(0, true, integer(BigInteger.TWO)), // v3
                    integer(BigInteger.valueOf(now.toEpochMilli())),
                    algorithm,
                    name,
                    sequence(utcTime(now.minus(Duration.ofDays(1))), utcTime(now.plus(Duration.ofDays(365)))),
                    name,
                    pair.getPublic().getEncoded(), // already a SubjectPublicKeyInfo
                    tagged(3, true, extensions));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(toBeSigned);
            byte[] certificate = sequence(toBeSigned, algorithm, bitString(signer.sign()));
            // parsed back by the JDK: a layout slip fails here, at the start, not in a client's handshake
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            parsed.verify(pair.getPublic());
            Files.writeString(dir.resolve(CERT), pem("CERTIFICATE", certificate));
            Files.writeString(dir.resolve(KEY), pem("PRIVATE KEY", pair.getPrivate().getEncoded())); // PKCS #8
        } catch (GeneralSecurityException e) {
            throw new IOException("the demo's certificate could not be made: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
