package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.PemKey;
import dev.forecourt.http.ServerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training's demo certificates, made by classes defined apart from the cache, are ones a listener serves. */
class TrainingCertificateTest {
    @Test
    void makesACertificateAndKeyAListenerTakes(@TempDir Path dir) throws Exception {
        TrainCommand.certificatesOutsideCache().write(dir);
        Path cert = dir.resolve(DemoCertificate.CERT);
        Path key = dir.resolve(DemoCertificate.KEY);
        assertThat(PemKey.read(key)).isNotNull();
        assertThat(ServerTls.namesOf(cert)).containsAll(DemoCertificate.NAMES);
        assertThat(ServerTls.of(List.of(new ServerTls.Certificate(cert, key)), "TLSv1.2").names())
                .containsAll(DemoCertificate.NAMES);
        X509Certificate parsed;
        try (var in = Files.newInputStream(cert)) {
            parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        parsed.checkValidity();
        parsed.verify(parsed.getPublicKey()); // self-signed
        assertThat(parsed.getVersion()).isEqualTo(3);
        assertThat(parsed.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=" + DemoCertificate.NAMES.getFirst());
        assertThat(parsed.getBasicConstraints()).as("a CA: curl --cacert takes it as a trust anchor").isGreaterThanOrEqualTo(0);
        assertThat(parsed.getCriticalExtensionOIDs()).containsExactly("2.5.29.19");
        assertThat(parsed.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactlyElementsOf(List.<Object>copyOf(DemoCertificate.NAMES));
    }
}
