package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Beside a key the JDK reads, a certificate file that is missing or holds none is said in Netty's words, as before. */
class ServerTlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingOrEmptyCertificateFileIsNamed() throws Exception {
        TestCerts.Pem pem = TestCerts.selfSigned(dir, "site.internal");
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        for (Path cert : List.of(missing, empty)) {
            assertThatThrownBy(() -> ServerTls.of(List.of(new ServerTls.Certificate(cert, pem.key())), "TLSv1.2"))
                    .hasMessageContaining("File does not contain valid certificates: " + cert);
        }
    }
}
