package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.PemKey;
import dev.forecourt.http.ServerTls;
import java.nio.file.Path;
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
    }
}
