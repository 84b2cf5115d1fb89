package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.runtime.Forecourt;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A request whose body the ingress refuses (bad chunk framing) while its upstream connection is still being made:
 * the client gets its 400, and nothing of the request reaches the upstream once the connection is up (a head alone
 * would leave the origin mid-request, after the client had its answer).
 */
class RefusedBodyUpstreamTest {

    @Test
    void aBodyRefusedWhileTheUpstreamConnectsSendsNothingUpstream() throws Exception {
        // an upstream whose accept queue is full: Linux drops further SYNs, so the ingress's connect stays pending
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            Set<Integer> ours = new HashSet<>();
            for (int i = 0; i < 4; i++) { // a backlog of 1 takes two; the rest wait on SYN retransmits
                Socket q = new Socket();
                try {
                    q.connect(full.getLocalSocketAddress(), 200);
                    queued.add(q);
                    ours.add(q.getLocalPort());
                } catch (SocketTimeoutException pending) {
                    q.close();
                }
            }
            ServiceConfig app = new ServiceConfig("app", List.of("app.internal"),
                    List.of(new InstanceConfig.Address("127.0.0.1:" + full.getLocalPort())),
                    new HealthCheckConfig("tcp", "/", Duration.ofHours(1), Duration.ofSeconds(1), 1, 1), true,
                    "round_robin", Duration.ofSeconds(20), Duration.ofSeconds(20));
            try (Forecourt f = Forecourt.start(Fixture.config(app), 1); Socket client = new Socket()) {
                client.connect(f.address("ingress"), 2000);
                client.setSoTimeout(5000);
                client.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: app.internal\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(client.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 400");

                // make room in the queue: the ingress's connect completes on its next SYN retransmit
                full.setSoTimeout(4000);
                List<String> received = new ArrayList<>();
                long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < until) {
                    Socket accepted;
                    try {
                        accepted = full.accept();
                    } catch (SocketTimeoutException quiet) {
                        break;
                    }
                    try (accepted) {
                        if (!ours.contains(accepted.getPort())) {
                            accepted.setSoTimeout(3000);
                            received.add(readAll(accepted.getInputStream()));
                            full.setSoTimeout(500); // any other (a health check) comes soon after, or not at all
                        }
                    }
                }
                assertThat(received).as("connections the ingress made to the upstream").isNotEmpty()
                        .allSatisfy(bytes -> assertThat(bytes).as("what reached the upstream").isEmpty());
            } finally {
                for (Socket q : queued) {
                    q.close();
                }
            }
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            in.transferTo(b);
        } catch (SocketTimeoutException stillOpen) {
            b.write("(still open)".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
