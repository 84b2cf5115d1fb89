package dev.forecourt.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * TLS termination: one or more certificates, each chosen by the SNI name the client sends (exact or wildcard
 * names from the certificate itself); the first certificate answers clients without SNI, unless SNI is required
 * ({@code requireSni}: such a handshake is refused). ALPN offers h2 and http/1.1. {@code minimumProtocol} is TLSv1.2
 * or TLSv1.3.
 */
public final class ServerTls {
    /** A certificate chain and its private key, both PEM files. */
    public record Certificate(Path cert, Path key) {}

    /** What an HTTP listener offers by ALPN: h2 first, then http/1.1. */
    public static final List<String> HTTP_ALPN = List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    private final Mapping<String, SslContext> contexts;
    private final List<String> names;
    private final boolean requireSni;

    private ServerTls(Mapping<String, SslContext> contexts, List<String> names, boolean requireSni) {
        this.contexts = contexts;
        this.names = names;
        this.requireSni = requireSni;
    }

    public static ServerTls of(List<Certificate> certificates, String minimumProtocol) throws Exception {
        return of(certificates, minimumProtocol, false);
    }

    public static ServerTls of(List<Certificate> certificates, String minimumProtocol, boolean requireSni)
            throws Exception {
        return of(certificates, minimumProtocol, requireSni, HTTP_ALPN);
    }

    /**
     * {@code alpn}: the protocols offered by ALPN, the server's preference first (a client offering none of them gets
     * no ALPN answer); empty: no ALPN at all (an NLB TLS listener's default, which leaves the protocol to the bytes).
     */
    public static ServerTls of(List<Certificate> certificates, String minimumProtocol, boolean requireSni,
                               List<String> alpn) throws Exception {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("tls needs at least one certificate");
        }
        String[] protocols = switch (minimumProtocol == null ? "TLSv1.2" : minimumProtocol) {
            case "TLSv1.2" -> new String[] {"TLSv1.3", "TLSv1.2"};
            case "TLSv1.3" -> new String[] {"TLSv1.3"};
            default -> throw new IllegalArgumentException("minimumProtocol must be TLSv1.2 or TLSv1.3, got " + minimumProtocol);
        };
        DomainWildcardMappingBuilder<SslContext> mapping = null;
        List<String> allNames = new ArrayList<>();
        for (Certificate c : certificates) {
            SslContextBuilder builder = builderFor(c)
                    .sslProvider(provider())
                    .protocols(protocols)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
            if (!alpn.isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            SslContext ctx = builder.build();
            if (mapping == null) {
                mapping = new DomainWildcardMappingBuilder<>(ctx);
            }
            for (String name : namesOf(c.cert())) {
                mapping.add(name, ctx);
                allNames.add(name);
            }
        }
        return new ServerTls(mapping.build(), List.copyOf(allNames), requireSni);
    }

    /** Whether a ClientHello without a server name is refused rather than given the first certificate. */
    boolean requiresSni() {
        return requireSni;
    }

    Mapping<String, SslContext> contexts() {
        return contexts;
    }

    /** The names the certificates cover, for messages. */
    public List<String> names() {
        return names;
    }

    /** From keys and certificates the JDK reads ({@link PemKey}); else Netty reads the files, and says what is wrong. */
    private static SslContextBuilder builderFor(Certificate c) throws Exception {
        PrivateKey key = PemKey.read(c.key());
        if (key != null) {
            try {
                X509Certificate[] chain = chainOf(c.cert());
                if (chain.length > 0) {
                    return SslContextBuilder.forServer(key, chain);
                }
            } catch (java.security.cert.CertificateException | java.io.IOException e) {
                // Netty's reading, below, reports it in the words users see for any certificate it can't read
            }
        }
        return SslContextBuilder.forServer(c.cert().toFile(), c.key().toFile());
    }

    static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** DNS subject alternative names, else the subject CN: the names SNI chooses this certificate by. */
    public static Set<String> namesOf(Path pem) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        X509Certificate[] chain = chainOf(pem);
        if (chain.length == 0) {
            throw new java.security.cert.CertificateException("no certificate in " + pem);
        }
        X509Certificate cert = chain[0];
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add(san.get(1).toString().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(rdn.getValue().toString().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** The certificates of a PEM file, leaf first, as the JDK reads them. */
    private static X509Certificate[] chainOf(Path pem) throws java.security.cert.CertificateException, java.io.IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        }
    }
}
