package dev.forecourt.edge.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads a key set from a file (keys of an IdP without a reachable {@code jwks_uri}, or made by hand), on the loader's
 * executor so that the disk is never read on an event loop. Read again on the same schedule as a fetched key set, so a
 * file rewritten by key rotation is picked up without a reload.
 */
final class FileJwksLoader implements JwksLoader {
    private final Path file;
    private final int maxBytes;
    private final Executor executor;

    FileJwksLoader(Path file, int maxBytes, Executor executor) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<String> load() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                long size = Files.size(file);
                if (size > maxBytes) {
                    throw new IOException(file + " is " + size + " bytes, more than " + maxBytes);
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
    }

    @Override
    public String where() {
        return file.toString();
    }
}
