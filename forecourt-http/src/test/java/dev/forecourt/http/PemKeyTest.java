package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key forms nginx reads are read by the JDK (PKCS#8, PKCS#1, SEC1); anything else is left to Netty (null). */
class PemKeyTest {
    @TempDir
    Path dir;

    @Test
    void readsPkcs8KeysOfEachAlgorithm() throws Exception {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            Path file = write(algorithm + ".key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            assertThat(PemKey.read(file)).as(algorithm).isEqualTo(pair.getPrivate());
        }
    }

    @Test
    void readsPkcs1RsaKeys() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pair.getPrivate());
        }
        assertThat(text.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PemKey.read(write("pkcs1.key", text.toString()))).isEqualTo(pair.getPrivate());
    }

    @Test
    void readsSec1EcKeysWithTheirNamedCurve() throws Exception {
        KeyPair pair = p256();
        assertThat(PemKey.read(write("sec1.key", sec1(pair)))).isNotNull();
        var read = (java.security.interfaces.ECPrivateKey) PemKey.read(write("sec1-openssl.key", sec1(pair)));
        var made = (java.security.interfaces.ECPrivateKey) pair.getPrivate();
        assertThat(read.getS()).isEqualTo(made.getS());
        assertThat(read.getParams().getCurve()).isEqualTo(made.getParams().getCurve());
        // without the curve (a SEC1 body as PKCS#8 carries it) there is no telling which curve: Netty's to refuse
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] bare = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 39, pkcs8.length);
        assertThat(PemKey.read(write("sec1-bare.key", pem("EC PRIVATE KEY", bare)))).isNull();
    }

    @Test
    void readsWhatOpenSslWritesAsTheSameKeyAsItsPkcs8() throws Exception {
        var sec1 = (java.security.interfaces.ECPrivateKey) PemKey.read(resource("ec-sec1.key"));
        var ecPkcs8 = (java.security.interfaces.ECPrivateKey) PemKey.read(resource("ec-pkcs8.key"));
        assertThat(sec1.getS()).isEqualTo(ecPkcs8.getS());
        assertThat(sec1.getParams().getCurve()).isEqualTo(ecPkcs8.getParams().getCurve());
        var pkcs1 = (java.security.interfaces.RSAPrivateCrtKey) PemKey.read(resource("rsa-pkcs1.key"));
        var rsaPkcs8 = (java.security.interfaces.RSAPrivateCrtKey) PemKey.read(resource("rsa-pkcs8.key"));
        assertThat(pkcs1.getModulus()).isEqualTo(rsaPkcs8.getModulus());
        assertThat(pkcs1.getPrivateExponent()).isEqualTo(rsaPkcs8.getPrivateExponent());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(PemKeyTest.class.getResource("/keys/" + name).toURI());
    }

    @Test
    void bytesOutsideAsciiAroundTheKeyAreNoError() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        String block = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        Path file = dir.resolve("bag.key"); // a BOM, and a header as `openssl pkcs12 -nodes` writes for a named key
        Files.write(file, concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                "Bag Attributes\n    friendlyName: M\u00fcller\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                block.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(PemKey.read(file)).isEqualTo(pair.getPrivate());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void leavesOtherFormsToNetty() throws Exception {
        byte[] someDer = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded();
        assertThat(PemKey.read(write("encrypted.key", pem("ENCRYPTED PRIVATE KEY", someDer)))).isNull();
        assertThat(PemKey.read(write("encrypted-rsa.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"))).isNull();
        assertThat(PemKey.read(write("two.key", pem("PRIVATE KEY", someDer) + pem("PRIVATE KEY", someDer)))).isNull();
        assertThat(PemKey.read(write("garbage.key", "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n")))
                .isNull();
        assertThat(PemKey.read(write("notder.key", pem("PRIVATE KEY", new byte[] {1, 2, 3})))).isNull();
        assertThat(PemKey.read(write("notsec1.key", pem("EC PRIVATE KEY", new byte[] {48, 3, 2, 1, 1})))).isNull();
        assertThat(PemKey.read(write("truncated.key", pem("EC PRIVATE KEY", new byte[] {48, (byte) 0x82, 1})))).isNull();
        assertThat(PemKey.read(write("empty.key", ""))).isNull();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    /**
     * A P-256 key as {@code openssl ecparam -name prime256v1 -genkey} writes it: the curve's OID in a block of its own,
     * then SEC1's ECPrivateKey with the OID again in [0] and the public point in [1] (RFC 5915). The JDK's PKCS#8 of
     * the key ends with the private value (32 bytes); its X.509 public key with the point (65 bytes).
     */
    static String sec1(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] d = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] spki = pair.getPublic().getEncoded();
        byte[] point = java.util.Arrays.copyOfRange(spki, spki.length - 65, spki.length);
        byte[] curve = {6, 8, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 3, 1, 7};
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        der.writeBytes(new byte[] {0x30, 0x77, 2, 1, 1, 4, 32});
        der.writeBytes(d);
        der.write(0xa0);
        der.write(curve.length);
        der.writeBytes(curve);
        der.writeBytes(new byte[] {(byte) 0xa1, 0x44, 3, 0x42, 0});
        der.writeBytes(point);
        return pem("EC PARAMETERS", curve) + pem("EC PRIVATE KEY", der.toByteArray());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
