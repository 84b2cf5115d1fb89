package dev.forecourt.cli.load;

import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.api.ApiConfig;
import dev.forecourt.edge.role.api.DomainNameConfig;
import dev.forecourt.edge.role.api.ApiRole;
import dev.forecourt.edge.role.api.IntegrationConfig;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.HostPort;
import dev.forecourt.http.ServerTls;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every certificate parses and its key is the one it was issued for; the certificates of a TLS listener cover the
 * names it must serve (the ingress: the domains of the services it serves; a distribution: its aliases; a custom
 * domain: its name), since a client that checks names refuses any other; every CA file holds certificates.
 */
final class CertificateCheck {
    private CertificateCheck() {}

    static void check(Config c, Findings f) {
        IngressConfig ingress = IngressRole.ROLE.of(c).ingress();
        if (ingress != null && ingress.tls() != null) {
            Set<String> names = names(f, "ingress.tls", ingress.tls());
            for (ServiceConfig s : IngressRole.ROLE.of(c).services().values()) {
                // the public listener serves public services, the private one all: those of them that speak TLS
                boolean served = (s.isPublic() && ingress.speaksTls("listen")) || ingress.speaksTls("privateListen");
                if (!served || names == null) continue;
                for (int i = 0; i < s.domains().size(); i++) {
                    String path = "services." + s.name() + ".domains";
                    covers(f, names, s.domains().get(i), f.has(path + "[" + i + "]") ? path + "[" + i + "]" : path,
                            "the ingress serves it over TLS", "ingress.tls");
                }
            }
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            String path = "distributions." + d.name();
            if (d.tls() != null) {
                Set<String> names = names(f, path + ".tls", d.tls());
                for (int i = 0; names != null && i < d.aliases().size(); i++) {
                    String at = f.has(path + ".aliases[" + i + "]") ? path + ".aliases[" + i + "]" : path + ".aliases";
                    covers(f, names, d.aliases().get(i), at, "distribution '" + d.name() + "' serves it over TLS",
                            path + ".tls");
                }
            }
            for (OriginConfig o : d.origins().values()) {
                if (o.caFile() != null) {
                    caFile(f, path + ".origins." + o.name() + ".caFile", o.caFile());
                }
            }
        }
        for (LinkConfig l : LinkRole.ROLE.of(c).links().values()) {
            if (l.tls() != null && l.tls().listener() != null) {
                names(f, "links." + l.name() + ".tls", l.tls().listener());
            }
        }
        for (DomainNameConfig d : ApiRole.ROLE.of(c).domainNames().values()) {
            String path = "domainNames." + d.name();
            Set<String> names = d.tls() == null ? null : names(f, path + ".tls", d.tls());
            if (names != null) {
                covers(f, names, d.name(), path, "custom domain '" + d.name() + "' serves it over TLS", path + ".tls");
            }
        }
        for (ApiConfig a : ApiRole.ROLE.of(c).apis().values()) {
            for (int i = 0; i < a.routes().size(); i++) {
                IntegrationConfig in = a.routes().get(i).integration();
                if (in != null && in.caFile() != null) {
                    caFile(f, "apis." + a.name() + ".routes[" + i + "].integration.tls.caFile", in.caFile());
                }
            }
        }
    }

    /** Reads each certificate and its key; the names they cover, or null if one could not be read. */
    private static Set<String> names(Findings f, String path, TlsConfig tls) {
        if (tls.certificates().isEmpty()) {
            f.error(path + ".certificates", "none: a listener that speaks TLS needs a certificate to answer a client's"
                    + " hello with. Fix: certificates: [{cert: site.pem, key: site.key}], or no tls to speak cleartext");
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        boolean all = true;
        for (int i = 0; i < tls.certificates().size(); i++) {
            ServerTls.Certificate cert = tls.certificates().get(i);
            String at = path + ".certificates[" + i + "]";
            X509Certificate leaf;
            try {
                leaf = PemFiles.certificates(cert.cert())[0];
                names.addAll(ServerTls.namesOf(cert.cert()));
            } catch (Exception e) {
                f.error(at + ".cert", cert.cert() + " is not a PEM certificate chain (" + reason(e) + "). Fix: the"
                        + " certificate, then its intermediates, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----");
                all = false;
                continue;
            }
            PrivateKey key;
            try {
                key = PemFiles.privateKey(cert.key());
            } catch (Exception e) {
                f.error(at + ".key", cert.key() + " is not a private key the listener can read (" + reason(e)
                        + "). Fix: an unencrypted PEM key, -----BEGIN PRIVATE KEY----- (PKCS#8), e.g. from"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in OLD.key -out " + cert.key().getFileName() + "'");
                all = false;
                continue;
            }
            if (!pair(key, leaf.getPublicKey())) {
                f.error(at + ".key", cert.key() + " is not the key of " + cert.cert() + " (the certificate carries the"
                        + " public half of another key): every TLS handshake would fail. Fix: pair each cert with"
                        + " the key it was issued for");
                all = false;
            }
        }
        return all ? names : null;
    }

    /** Whether {@code name} (a Host, maybe with a port, maybe a wildcard) is covered by one of the names. */
    private static void covers(Findings f, Set<String> names, String domain, String path, String why, String tlsPath) {
        if (CertificateNames.cover(names, domain)) return;
        String name = HostPort.withoutPort(domain.toLowerCase(Locale.ROOT));
        int dot = name.indexOf('.');
        f.error(path, "'" + domain + "': " + why + ", but no certificate in " + tlsPath + " covers it (they cover "
                + String.join(", ", names) + "): clients that check the name will refuse the connection. Fix: a"
                + " certificate for '" + name + "'" + (dot > 0 && !name.startsWith("*")
                ? " or '*" + name.substring(dot) + "'" : "") + " in " + tlsPath + ".certificates");
    }

    private static void caFile(Findings f, String path, Path file) {
        try {
            PemFiles.certificates(file);
        } catch (Exception e) {
            f.error(path, file + " is not a PEM file of CA certificates (" + reason(e) + "), so the upstream's"
                    + " certificate could not be verified. Fix: the CA certificates, each from -----BEGIN CERTIFICATE-----"
                    + " to -----END CERTIFICATE-----");
        }
    }

    /**
     * Whether the private key is the public key's other half: something signed with one verifies with the other. The
     * signature follows the certificate's key type; a private key of another type can't sign with it (false). A key
     * type this check does not know is given the benefit of the doubt.
     */
    private static boolean pair(PrivateKey key, PublicKey pub) {
        String family = switch (pub.getAlgorithm()) {
            case "RSA" -> "RSA";
            case "EC", "ECDSA" -> "EC";
            case "DSA" -> "DSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (family == null) return true;
        String algorithm = family.equals("EdDSA") ? "EdDSA" : "SHA256with" + (family.equals("EC") ? "ECDSA" : family);
        try {
            // as the JDK's own key: the PEM reader may have made it with another provider (BouncyCastle's)
            key = java.security.KeyFactory.getInstance(family)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
            byte[] challenge = "forecourt check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(pub);
            verify.update(challenge);
            return verify.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false; // a key of another type, or an EC key on another curve than the certificate's
        }
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
