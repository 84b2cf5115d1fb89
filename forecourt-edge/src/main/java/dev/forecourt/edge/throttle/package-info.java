/**
 * Throttling as API Gateway's ({@code rateLimit} tokens a second into a bucket of {@code burstLimit}; a request takes
 * one or is answered 429), by key, kept in this process or shared by several through Redis ({@code cluster.redis}).
 *
 * <p>The seam a role calls, on the exchange's event loop (the API role composes the API's and the route's checks,
 * and the key names the bucket: the API, the route, and the client's value when keys are per client):
 * <pre>{@code
 * // once per generation: kept across reloads (a reload must not refill every bucket); keep's spec must not be null
 * Throttle throttle = assembly.keep("throttle", Optional.ofNullable(config.cluster()),
 *         () -> Throttle.of(config.cluster(), assembly.metrics().registry()));
 * Limit perRoute = new Limit(1000, 500);   // when the route is assembled, not per request
 *
 * // per request: allowed, or 429 {"message":"Too Many Requests"} (forecourt-error: throttled)
 * throttle.tryTake("public|ANY /api/{proxy+}|" + sourceIp, perRoute, exchange.eventLoop())
 *         .thenCompose(v -> v.allowed() ? next.serve(exchange) : tooManyRequests(exchange));
 * }</pre>
 * A local verdict is complete at once, and an allowed one allocates nothing; a shared one completes on the loop
 * given, after one Redis round trip. While Redis is unreachable the {@code failMode} decides at once.
 */
package dev.forecourt.edge.throttle;
