package dev.forecourt.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A verb's server in a training run: started on a daemon thread (the exit after training runs its shutdown hook, as
 * a SIGTERM would), answering before the training goes on, and the directory it served from removed after.
 */
final class TrainingServer {
    private static final long ANSWER_WITHIN_NANOS = 30_000_000_000L;

    private TrainingServer() {
    }

    /**
     * Starts {@code server} and waits until {@code port} answers {@code path}: up to 30 s. Fails when it does not,
     * or when the server's thread ends first (it could not start: a port taken meanwhile, say), so that a training
     * that trained nothing is not taken for one that did.
     */
    static void start(String name, Runnable server, int port, String path, String host)
            throws IOException, InterruptedException {
        Thread thread = new Thread(server, name);
        thread.setDaemon(true);
        thread.start();
        long until = System.nanoTime() + ANSWER_WITHIN_NANOS;
        while (true) {
            try {
                TrainingRequest.get(port, path, host);
                return;
            } catch (IOException notYet) {
                if (!thread.isAlive()) {
                    throw new Stopped(name + " stopped before it answered on port " + port, notYet);
                }
                if (System.nanoTime() > until) {
                    throw new IOException(name + " did not answer " + path + " on port " + port + " within 30 s", notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    /** The server's thread ended before it answered: it could not start (a port taken meanwhile, say). */
    static final class Stopped extends IOException {
        Stopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Removes {@code dir} and what is in it, through java.io.File, which every start loads anyway (Files.walk's tree
     * walker would be classes only the training loaded, in every start's cache).
     */
    static void remove(Path dir) throws IOException {
        remove(dir.toFile());
    }

    private static void remove(File file) throws IOException {
        File[] inside = file.listFiles();
        if (inside != null) {
            for (File f : inside) remove(f);
        }
        if (file.exists() && !file.delete()) {
            throw new IOException("could not remove " + file);
        }
    }

    /** {@code n} different ports nothing listens on now (the server started next binds them). */
    static int[] freePorts(int n) throws IOException {
        ServerSocket[] held = new ServerSocket[n]; // all open at once, so no two are the same
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0);
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                if (s != null) s.close();
            }
        }
    }
}
