package dev.forecourt.edge.auth;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a token that passed every check leaves in the cache: its claims as an {@link AuthResult.Allowed} (already
 * wrapped in a completed stage, so that a cache hit allocates nothing), its scopes, and until when it is good.
 */
record VerifiedToken(AuthResult.Allowed allowed, CompletionStage<AuthResult> answer, Set<String> scopes,
                     long goodUntilMillis) {

    VerifiedToken(AuthResult.Allowed allowed, Set<String> scopes, long goodUntilMillis) {
        this(allowed, CompletableFuture.completedFuture(allowed), scopes, goodUntilMillis);
    }
}
