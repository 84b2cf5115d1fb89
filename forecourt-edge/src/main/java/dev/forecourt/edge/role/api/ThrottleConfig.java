package dev.forecourt.edge.role.api;

/**
 * A token bucket's limits, API Gateway's: {@code rateLimit} requests per second on average, {@code burstLimit} at
 * once. {@code key} (beyond AWS, null: one bucket for all): what makes a caller's own bucket, a single reference
 * such as {@code $context.identity.sourceIp}, {@code $request.header.x-api-key} or
 * {@code $context.authorizer.claims.sub}.
 */
public record ThrottleConfig(double rateLimit, int burstLimit, MappingValue key) {}
