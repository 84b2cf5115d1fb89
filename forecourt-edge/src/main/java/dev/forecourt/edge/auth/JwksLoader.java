package dev.forecourt.edge.auth;

import java.util.concurrent.CompletableFuture;

/** Where a key set's document comes from: an identity provider's {@code jwks_uri}, or a file. */
interface JwksLoader {
    /** The document's text; completes exceptionally (never hangs: each loader has its timeout) when it can't. */
    CompletableFuture<String> load();

    /** Where it loads from, for log lines and reasons. */
    String where();
}
