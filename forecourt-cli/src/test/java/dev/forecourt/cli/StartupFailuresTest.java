package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that can't start because of the operator's setup says so in one line naming the culprit and exits 1,
 * with no stack trace. The port in use runs the command in a child JVM, as an operator would, to see all it prints;
 * the others run it in this JVM (a child JVM costs seconds on a busy machine) and see what it writes to stderr.
 */
class StartupFailuresTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseNamesTheListenerAndTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path file = config("""
                    services:
                      echo: {domains: [echo.internal], app: {echo: {}}}
                    ingress:
                      listen: 127.0.0.1:0
                      privateListen: 127.0.0.1:%d
                    """.formatted(port));
            Child run = Child.forecourt(dir, Duration.ofSeconds(60), "run", file.toString());
            assertThat(run.stderr()).isEqualTo("forecourt run: listener ingress-private can't listen on 127.0.0.1:"
                    + port + ": address already in use (another process is listening there)\n");
            assertThat(run.stdout()).isEmpty();
            assertThat(run.exitCode()).isEqualTo(1);

            assertOneLine(inProcess("iiif", "--images", dir.toString(), "--listen", "127.0.0.1:" + port),
                    "forecourt iiif: listener iiif can't listen on 127.0.0.1:" + port
                            + ": address already in use (another process is listening there)");
        }
    }

    @Test
    void aMissingImagesDirectoryNamesTheServiceAndTheDirectory() throws Exception {
        Path missing = dir.resolve("no-such-images");
        Path file = config("""
                services:
                  iiif: {domains: [iiif.internal], app: {iiif: {images: "%s"}}}
                ingress: {listen: "127.0.0.1:0"}
                """.formatted(missing));
        assertOneLine(inProcess("run", file.toString()), file + ":2: services.iiif.app.iiif.images: directory " + missing
                + " does not exist: the IIIF app would have no images to serve. Fix: the directory of the images (a"
                + " relative path is read from the file's directory)");
        assertOneLine(inProcess("iiif", "--images", missing.toString(), "--listen", "127.0.0.1:0"),
                "forecourt iiif: --images " + missing + ": no such directory");
    }

    @Test
    void aCertificateFileWithoutACertificateIsNamed() throws Exception {
        Path cert = Files.writeString(dir.resolve("site.pem"), "not a certificate\n");
        Files.writeString(dir.resolve("site.key"), "not a key\n");
        Path file = config("""
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                  tls: {certificates: [{cert: site.pem, key: site.key}]}
                """);
        assertOneLine(inProcess("run", file.toString()), file + ":5: ingress.tls.certificates[0].cert: " + cert
                + " is not a PEM certificate chain (found no certificates in input stream). Fix: the certificate, then"
                + " its intermediates, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----");
    }

    /** A name check warns of (it may resolve where the file runs) stops run on this machine, in check's words. */
    @Test
    void anInstanceWhoseNameDoesNotResolveIsNamedInChecksWords() throws Exception {
        Path file = config("""
                services:
                  web: {domains: [web.internal], instances: ["nohost.invalid:80"]}
                ingress:
                  listen: 127.0.0.1:0
                """);
        assertOneLine(inProcess("run", file.toString()), file + ":2: services.web.instances[0]: 'nohost.invalid'"
                + " (service 'web''s instance) does not resolve: it is not in resolve: and DNS has no address for it here,"
                + " so forecourt run would not start on this machine. Fix: map it in resolve: (nohost.invalid:"
                + " 127.0.0.1:PORT), or give it a DNS record");
    }

    @Test
    void aLinkTargetWhoseNameDoesNotResolveIsNamedInChecksWords() throws Exception {
        Path file = config("""
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                links:
                  nlb: {listen: "127.0.0.1:0", targets: ["nohost.invalid:80"]}
                """);
        assertThat(inProcess("run", file.toString()).stderr()).startsWith(file + ":6: links.nlb.targets[0]:"
                + " 'nohost.invalid' (link 'nlb''s target) does not resolve");
    }

    /** What check refuses, run refuses alike (it used to start and fail every handshake): here a key not the cert's. */
    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAsCheckRefusesIt() throws Exception {
        var site = dev.forecourt.http.TestCerts.selfSigned(dir, "echo.internal");
        var other = dev.forecourt.http.TestCerts.selfSigned(dir, "other.internal");
        Path file = config("""
                services:
                  echo: {domains: [echo.internal], app: {echo: {}}}
                ingress:
                  listen: 127.0.0.1:0
                  tls: {certificates: [{cert: %s, key: %s}]}
                """.formatted(site.cert(), other.key()));
        Child check = inProcess("check", "--no-bind", file.toString());
        Child run = inProcess("run", file.toString());
        assertThat(run.stderr()).startsWith(file + ":5: ingress.tls.certificates[0].key: " + other.key()
                + " is not the key of " + site.cert());
        assertThat(check.stderr()).startsWith(run.stderr().strip());
        assertThat(run.exitCode()).isEqualTo(1);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("forecourt.yaml"), yaml);
    }

    /** The command as {@code Main} runs it, with System.err (the commands' and the log's) captured. */
    private static Child inProcess(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            int code = Main.commandLine().setErr(new PrintWriter(capture, true)).execute(args);
            return new Child(code, "", err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static void assertOneLine(Child run, String line) {
        assertThat(run.stderr()).isEqualTo(line + "\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
