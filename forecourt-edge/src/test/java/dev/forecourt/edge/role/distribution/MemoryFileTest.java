package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.Origins;
import dev.forecourt.edge.Retired;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TestCerts;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memory-only distribution keeps large bodies in memory-backed files (Linux memfd) and sends them with sendfile:
 * through real sockets, hits are the origin's bytes every time (whole, ranges, HEAD), an answer in flight survives
 * its object's removal, and every file is closed again when its object leaves (eviction, invalidation, a reload
 * that shrinks the budget, close): counted in this process's /proc/self/fd.
 */
class MemoryFileTest {
    private static final String ORIGIN_CC = "max-age=600";

    @TempDir
    static Path dir;

    @BeforeAll
    static void linuxOnly() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "memory-backed files are Linux's");
    }

    /** The memory tier's files open in this process now. */
    static int memoryFiles() {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("/memfd:forecourt-cache")) n++;
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }

    /** Waits (at most 5 s) until {@code count} is {@code expected}; returns what it was last. */
    static int awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        int now = count.getAsInt();
        while (now != expected && System.nanoTime() < until) {
            Thread.sleep(20);
            now = count.getAsInt();
        }
        return now;
    }

    /** Printable random bytes (the test origin sends text), different for every seed. */
    static String randomBody(int length, long seed) {
        byte[] raw = new byte[length];
        new Random(seed).nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw).substring(0, length);
    }

    /** One response read off a keep-alive connection. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    static void request(Socket s, String method, String path, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: edge\r\n");
        for (int i = 0; i < headers.length; i += 2) b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        s.getOutputStream().write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads a response's head, then {@code upTo} bytes of its body at most (-1: all, by Content-Length). */
    static Reply read(InputStream in, boolean head, int upTo) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        while (true) {
            int c = in.read();
            if (c < 0) throw new IOException("the connection closed within a head");
            if (c == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (l.isEmpty()) break;
                lines.add(l);
            } else {
                line.write(c);
            }
        }
        Map<String, String> headers = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(upTo < 0 ? length : Math.min(upTo, length));
        return new Reply(Integer.parseInt(lines.getFirst().split(" ")[1]), headers, body);
    }

    static Socket connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        s.setSoTimeout(10_000);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return s;
    }

    static Reply get(int port, String method, String path) throws IOException {
        try (Socket s = connect(port, 0)) {
            request(s, method, path);
            return read(new BufferedInputStream(s.getInputStream()), method.equals("HEAD"), -1);
        }
    }

    static Forecourt start(TestOrigin origin, CacheConfig cache) throws Exception {
        return Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of(),
                cache)), 1);
    }

    @Test
    void aLargeHitIsTheOriginsBytesEveryTimeWholeRangedAndHead() throws Exception {
        String big = randomBody(300_000, 1);
        byte[] expected = big.getBytes(StandardCharsets.US_ASCII);
        int before = memoryFiles();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/big", ok(big, "Cache-Control", ORIGIN_CC));
            origin.on("/small", ok("s".repeat(1000), "Cache-Control", ORIGIN_CC));
            try (Forecourt f = start(origin, new CacheConfig(8L << 20, 2L << 20, null, 0))) {
                int port = f.address("distribution-edge").getPort();
                Reply miss = get(port, "GET", "/big");
                assertThat(miss.header("x-cache")).isEqualTo("Miss from forecourt");
                assertThat(miss.body()).isEqualTo(expected);
                get(port, "GET", "/small");
                assertThat(memoryFiles()).as("the large body is in a memory-backed file, the small one not")
                        .isEqualTo(before + 1);

                List<Socket> viewers = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) viewers.add(connect(port, 0));
                    List<InputStream> ins = new ArrayList<>();
                    for (Socket s : viewers) ins.add(new BufferedInputStream(s.getInputStream()));
                    for (int round = 0; round < 50; round++) {
                        for (Socket s : viewers) request(s, "GET", "/big");
                        for (InputStream in : ins) {
                            Reply hit = read(in, false, -1);
                            assertThat(hit.status()).isEqualTo(200);
                            assertThat(hit.header("x-cache")).isEqualTo("Hit from forecourt");
                            assertThat(Arrays.equals(hit.body(), expected)).as("hit %d is the origin's bytes", round)
                                    .isTrue();
                        }
                    }
                    Socket s = viewers.getFirst();
                    request(s, "GET", "/big", "Range", "bytes=1000-200999");
                    Reply part = read(ins.getFirst(), false, -1);
                    assertThat(part.status()).isEqualTo(206);
                    assertThat(part.header("content-range")).isEqualTo("bytes 1000-200999/300000");
                    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(expected, 1000, 201000));
                    request(s, "HEAD", "/big");
                    Reply head = read(ins.getFirst(), true, -1);
                    assertThat(head.header("content-length")).isEqualTo("300000");
                    request(s, "GET", "/small"); // the connection is still in step after a HEAD
                    assertThat(read(ins.getFirst(), false, -1).body()).hasSize(1000);
                } finally {
                    for (Socket s : viewers) s.close();
                }
                assertThat(origin.count("/big")).isEqualTo(1);
            }
        }
        assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).as("closed with the cache").isEqualTo(before);
    }

    @Test
    void fromSixtyFourKiBOnAHitIsSentFromAFileAndBelowFromABufferBothTheOriginsBytes() throws Exception {
        int from = 64 * 1024; // MemoryFileBuffer.FROM; MemoryFileAnswerTest holds what each is answered with
        String at = randomBody(from, 4);
        String below = randomBody(from - 1, 5);
        int before = memoryFiles();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/at", ok(at, "Cache-Control", ORIGIN_CC));
            origin.on("/below", ok(below, "Cache-Control", ORIGIN_CC));
            try (Forecourt f = start(origin, new CacheConfig(8L << 20, 2L << 20, null, 0))) {
                int port = f.address("distribution-edge").getPort();
                get(port, "GET", "/below");
                assertThat(memoryFiles()).as("a body 1 byte under 64 KiB stays a buffer").isEqualTo(before);
                get(port, "GET", "/at");
                assertThat(memoryFiles()).as("a body of 64 KiB goes into a file").isEqualTo(before + 1);
                for (int i = 0; i < 3; i++) {
                    for (String[] o : new String[][] {{"/at", at}, {"/below", below}}) {
                        Reply hit = get(port, "GET", o[0]);
                        assertThat(hit.header("x-cache")).isEqualTo("Hit from forecourt");
                        assertThat(hit.body()).as(o[0]).isEqualTo(o[1].getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        }
        assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).isEqualTo(before);
    }

    @Test
    void answersInFlightWhenTheirObjectIsInvalidatedFinishWholeAndThenItsFileCloses() throws Exception {
        // more than the kernel takes into a stalled connection's buffers (sendfile refers to the pages it sends,
        // so a body the kernel took whole no longer needs the file: tcp_wmem's maximum is 4 MiB)
        String big = randomBody(8 << 20, 2);
        byte[] expected = big.getBytes(StandardCharsets.US_ASCII);
        int before = memoryFiles();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/big", ok(big, "Cache-Control", ORIGIN_CC));
            try (Forecourt f = start(origin, new CacheConfig(32L << 20, 16L << 20, null, 0))) {
                int port = f.address("distribution-edge").getPort();
                get(port, "GET", "/big");
                assertThat(memoryFiles()).isEqualTo(before + 1);
                List<Socket> viewers = new ArrayList<>();
                List<InputStream> ins = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) { // each reads the head and 1 KiB, then stalls: its answer is in flight
                        Socket s = connect(port, 16 * 1024);
                        viewers.add(s);
                        request(s, "GET", "/big");
                        InputStream in = new BufferedInputStream(s.getInputStream(), 1024);
                        ins.add(in);
                        Reply start = read(in, false, 1024);
                        assertThat(start.header("x-cache")).isEqualTo("Hit from forecourt");
                    }
                    // a successful POST invalidates its url: the object leaves the store while 8 answers are sent
                    assertThat(get(port, "POST", "/big").status()).isEqualTo(200);
                    assertThat(memoryFiles()).as("the answers in flight keep the file open").isEqualTo(before + 1);
                    for (InputStream in : ins) {
                        byte[] rest = in.readNBytes(expected.length - 1024);
                        assertThat(Arrays.equals(rest, Arrays.copyOfRange(expected, 1024, expected.length))).isTrue();
                    }
                } finally {
                    for (Socket s : viewers) s.close();
                }
                assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).as("the last answer closed it").isEqualTo(before);
                Reply again = get(port, "GET", "/big");
                assertThat(again.header("x-cache")).isEqualTo("Miss from forecourt");
                assertThat(again.body()).isEqualTo(expected);
            }
        }
        assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).isEqualTo(before);
    }

    @Test
    void evictionsAndAReloadThatLowersTheBudgetCloseTheirFiles() throws Exception {
        int before = memoryFiles();
        try (TestOrigin origin = new TestOrigin()) {
            for (int i = 0; i < 40; i++) origin.on("/o" + i, ok(randomBody(200_000, i), "Cache-Control", ORIGIN_CC));
            try (Forecourt f = start(origin, new CacheConfig(2L << 20, 1L << 20, null, 0))) {
                int port = f.address("distribution-edge").getPort();
                for (int i = 0; i < 40; i++) {
                    assertThat(get(port, "GET", "/o" + i).body()).hasSize(200_000);
                    assertThat(memoryFiles() - before).as("no more files than 2 MiB of 200 KB objects")
                            .isLessThanOrEqualTo(10);
                }
                assertThat(memoryFiles()).isGreaterThan(before);
                f.reload(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of(),
                        new CacheConfig(1L << 20, 1L << 20, null, 0))));
                Retired.await(); // the old store closes with the old configuration
                assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).isEqualTo(before);
                assertThat(get(port, "GET", "/o1").header("x-cache")).isEqualTo("Miss from forecourt");
                assertThat(memoryFiles()).isEqualTo(before + 1);
            }
        }
        assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).isEqualTo(before);
    }

    @Test
    void overTlsAndHttp2ALargeHitIsSentFromMemoryWhole() throws Exception {
        TestCerts.Pem cert = TestCerts.selfSigned(dir, "localhost");
        int tlsPort = Origins.freePort();
        String big = randomBody(300_000, 3);
        int before = memoryFiles();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/big", ok(big, "Cache-Control", ORIGIN_CC));
            DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(),
                    new TlsConfig(List.of(new ServerTls.Certificate(cert.cert(), cert.key())), "TLSv1.2"),
                    java.util.Map.of("origin", origin("127.0.0.1", origin.port())), List.of(), rfc(),
                    new CacheConfig(8L << 20, 2L << 20, null, 0), AccessLogConfig.OFF, Limits.DEFAULT, List.of(),
                    List.of(), "127.0.0.1:" + tlsPort);
            try (Forecourt f = Forecourt.start(config(d), 1)) {
                HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                        .sslContext(TestCerts.trusting(cert.cert())).connectTimeout(java.time.Duration.ofSeconds(2))
                        .build();
                HttpRequest get = HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort + "/big"))
                        .timeout(java.time.Duration.ofSeconds(10)).build();
                h2.send(get, HttpResponse.BodyHandlers.ofString());
                assertThat(memoryFiles()).isEqualTo(before + 1);
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> hit = h2.send(get, HttpResponse.BodyHandlers.ofString());
                    assertThat(hit.version()).isEqualTo(HttpClient.Version.HTTP_2);
                    assertThat(hit.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
                    assertThat(hit.body()).isEqualTo(big);
                }
                assertThat(origin.count("/big")).isEqualTo(1);
            }
        }
        assertThat(awaitCount(MemoryFileTest::memoryFiles, before)).isEqualTo(before);
    }
}
