package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.CacheConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by the cache's budget, not by concurrent misses times maxObjectSize: viewers that never read
 * make the origin wait (backpressure) and their copies for the store share one budget; what they held is given back
 * when they leave.
 */
class MemoryBoundTest {
    static final int OBJECT = 4 << 20;
    static final int VIEWERS = 30;

    private static long directInUse() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory()
                + UnpooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    @Test
    void viewersThatNeverReadHoldNoMoreThanTheBudget() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/obj", s -> ok("y".repeat(OBJECT), "Cache-Control", "max-age=60"));
            for (int i = 0; i < VIEWERS; i++) origin.on("/obj" + i, s -> ok("y".repeat(OBJECT), "Cache-Control", "max-age=60"));
            long budget = 8L << 20;
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(),
                    List.of(), new CacheConfig(budget, 8L << 20, null, 0))), 1)) {
                int port = f.address("distribution-edge").getPort();
                long before = directInUse();
                List<Socket> viewers = new ArrayList<>();
                long peak = 0;
                try {
                    for (int i = 0; i < VIEWERS; i++) {
                        Socket s = new Socket();
                        s.setReceiveBufferSize(16 * 1024);
                        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
                        s.getOutputStream().write(("GET /obj" + i + " HTTP/1.1\r\nHost: edge\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        viewers.add(s);
                    }
                    for (int t = 0; t < 20; t++) { // two seconds of viewers reading nothing
                        Thread.sleep(100);
                        peak = Math.max(peak, directInUse() - before);
                    }
                } finally {
                    for (Socket s : viewers) s.close();
                }
                // the copies may not exceed the budget; each connection also holds its socket buffers (a few 64 KiB)
                assertThat(peak).as("direct memory held while %d viewers read nothing", VIEWERS)
                        .isLessThan(budget + VIEWERS * (512L << 10));
                assertThat(f.metrics().scrape()).containsPattern("forecourt_cache_bytes\\{distribution=\"edge\",tier=\"inflight\"} ");
                long until = System.currentTimeMillis() + 3000;
                while (directInUse() - before > (4L << 20) && System.currentTimeMillis() < until) Thread.sleep(50);
                assertThat(directInUse() - before).as("direct memory after the viewers left").isLessThan(4L << 20);
            }
        }
    }
}
