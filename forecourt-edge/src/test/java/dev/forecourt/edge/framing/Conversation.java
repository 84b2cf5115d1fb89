package dev.forecourt.edge.framing;

import dev.forecourt.edge.framing.Expectation.Ending;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One try on the wire: connect, send the whole wire at once (everything pipelined, the hardest case for framing),
 * read responses until the server closes or goes quiet, let the server finish what it started, then take what the
 * origin recorded.
 *
 * <p>How long to wait comes from the expectation, only to keep tries short: up to {@link #PATIENCE_MS} while an
 * expected response or close has not come, then {@link #QUIET_MS} for anything unexpected. The verdict itself never
 * depends on the expectation here.
 */
final class Conversation {
    static final long PATIENCE_MS = 2000;
    static final long QUIET_MS = 100;
    /** How long a request forwarded in part may stay so after the client side is over, before it counts as left dangling. */
    static final long DANGLING_MS = 300;
    private static final int POLL_MS = 20;

    private final List<Integer> statuses = new ArrayList<>();
    private final Responses responses = new Responses();
    private boolean closed;

    private Conversation() {}

    static Observation run(InetSocketAddress ingress, IntSupplier inFlight, byte[] wire, RecordingOrigin origin,
                           Expectation expected) throws IOException {
        Conversation c = new Conversation();
        try (Socket socket = new Socket()) {
            socket.connect(ingress, 2000);
            socket.setSoTimeout(POLL_MS);
            socket.getOutputStream().write(wire);
            socket.getOutputStream().flush();
            c.read(socket.getInputStream(), origin, expected);
        }
        awaitExchanges(inFlight);
        awaitOrigin(origin);
        return new Observation(List.copyOf(c.statuses), c.closed, origin.seen(), origin.problems(), origin.dangling(),
                c.responses.closeAnnounced());
    }

    private void read(InputStream in, RecordingOrigin origin, Expectation expected) {
        int expectedResponses = expected.requests().size() + (expected.ending() == Ending.INVALID ? 1 : 0);
        boolean expectClose = expected.ending() == Ending.CLOSE || expected.ending() == Ending.INVALID;
        byte[] buf = new byte[8192];
        long lastEvent = System.nanoTime();
        while (true) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                    return;
                }
                responses.add(buf, n);
                for (int s = responses.next(); s >= 0; s = responses.next()) {
                    statuses.add(s);
                }
                lastEvent = System.nanoTime();
            } catch (SocketTimeoutException e) {
                // A request the origin got but the client has no answer to yet: the answer is on its way, wait for it.
                boolean satisfied = statuses.size() >= expectedResponses && !expectClose && origin.seen().size() <= statuses.size();
                if ((System.nanoTime() - lastEvent) / 1_000_000 >= (satisfied ? QUIET_MS : PATIENCE_MS)) {
                    return;
                }
            } catch (IOException e) {
                closed = true; // reset by the server: closed too, if rudely
                return;
            }
        }
    }

    /**
     * Lets the server finish what this try started: an exchange may still forward after the client side is over (a
     * refused request's upstream attempt), and it must show in this try, not the next.
     */
    private static void awaitExchanges(IntSupplier inFlight) {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000L;
        while (inFlight.getAsInt() > 0 && System.nanoTime() < deadline) {
            pause();
        }
    }

    /**
     * Lets the origin read all that reached it and finish (or see cut off) a request it is still reading, so the
     * record is whole before the next try begins.
     */
    private static void awaitOrigin(RecordingOrigin origin) {
        long deadline = System.nanoTime() + DANGLING_MS * 1_000_000L;
        while (!origin.settled() && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
