package dev.forecourt.edge.role.distribution;

import java.time.Duration;

/**
 * One of a distribution's {@code customErrorResponses}, in the cloud's terms: for answers with status
 * {@code errorCode}, how long they are kept ({@code errorCachingMinTTL}; null: the 10 s default, and only for the
 * statuses kept without explicit freshness), and optionally the page the viewer gets instead
 * ({@code responsePagePath}, fetched through the behavior whose pattern matches it) with {@code responseCode}
 * (0: the error's own status).
 */
public record CustomErrorResponse(int errorCode, Duration errorCachingMinTTL, int responseCode,
                                  String responsePagePath) {}
