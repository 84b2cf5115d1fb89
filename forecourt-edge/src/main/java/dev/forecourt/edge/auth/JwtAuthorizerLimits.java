package dev.forecourt.edge.auth;

import java.time.Duration;

/**
 * How an authorizer bounds its work and its memory; not part of the configuration vocabulary (API Gateway has no such
 * knobs), so {@link #DEFAULT} serves, and tests shorten the times.
 *
 * @param clockSkew          leeway on {@code exp}, {@code nbf} and {@code iat}: clocks of IdP and gateway disagree a little
 * @param refreshInterval    keys older than this are fetched again (in the background; the old ones serve meanwhile)
 * @param minFetchInterval   at most one fetch per this interval, whatever asks: unknown {@code kid}s are free to send,
 *                           and must not make us hammer the identity provider; also the retry pace after a failure
 * @param fetchTimeout       a whole JWKS fetch (connect, headers, body); a request waiting on it waits no longer
 * @param maxJwksBytes       a larger key set is refused (a JWKS is a few KiB)
 * @param maxCachedTokens    verified tokens remembered (each until its {@code exp})
 */
public record JwtAuthorizerLimits(Duration clockSkew, Duration refreshInterval, Duration minFetchInterval,
                                  Duration fetchTimeout, int maxJwksBytes, int maxCachedTokens) {

    public static final JwtAuthorizerLimits DEFAULT = new JwtAuthorizerLimits(Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5), 1 << 20, 10_000);

    public JwtAuthorizerLimits {
        if (clockSkew.isNegative() || refreshInterval.isNegative() || minFetchInterval.isNegative()
                || !fetchTimeout.isPositive() || maxJwksBytes <= 0 || maxCachedTokens < 0) {
            throw new IllegalArgumentException("JWT authorizer limits out of range: skew " + clockSkew + ", refresh "
                    + refreshInterval + ", min fetch interval " + minFetchInterval + ", fetch timeout " + fetchTimeout
                    + ", max JWKS bytes " + maxJwksBytes + ", max cached tokens " + maxCachedTokens);
        }
    }
}
