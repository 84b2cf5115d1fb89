package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} binds and releases each listener's address, and refuses two listeners on one. */
class CheckListenersTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsAnErrorNamingTheListener() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Path file = CheckRun.copy(dir, "listener-port-in-use.yaml", Map.of("@BUSY@", Integer.toString(port)));
            CheckRun.Result r = CheckRun.file(file);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).startsWith(r.at(5) + "ingress.listen: the ingress's public listener can't listen on"
                    + " 127.0.0.1:" + port + ": the port is in use by another process. Fix: stop that process, or"
                    + " another port");
            // --no-bind leaves the port to the process that holds it (this file's forecourt, before a reload)
            assertThat(CheckRun.file(file, "--no-bind").exit()).isZero();
        }
    }

    @Test
    void twoListenersOnOneAddressAndAListenerWhoseNameDoesNotResolveAreErrors() throws Exception {
        CheckRun.Result r = CheckRun.resource(dir, "listeners-share-an-address.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith(r.file().toString()))).satisfiesExactly(
                l -> assertThat(l).startsWith(r.at(7) + "distributions.images.listen: distribution 'images' and the"
                        + " ingress's public listener (ingress.listen) both listen on 127.0.0.1:")
                        .endsWith(": only one of them could bind it. Fix: another port for one of them"),
                l -> assertThat(l).isEqualTo(r.at(11) + "admin.listen: 'nowhere.invalid:9901' does not resolve (not in"
                        + " resolve:, and DNS has no address for it), so the admin listener can't be bound. Fix: an"
                        + " address of this machine, such as 127.0.0.1:PORT or 0.0.0.0:PORT"));
    }
}
