package dev.forecourt.edge;

import dev.forecourt.http.ErrorType;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * How a hop words its answer to a request its connection refused before any stage ran (a malformed or too large
 * head): in its role's vocabulary, the taxonomy's headers always beside it.
 */
@FunctionalInterface
public interface RejectionPage {
    /** The taxonomy's text page ({@link ErrorPage}): every role's but an API's. */
    RejectionPage TEXT = (type, hop, detail) -> ErrorPage.render(type, type.status(), hop, detail, null, null);

    /** {@code detail}: what happened, or null where this client is not told (the page says it in general words). */
    FullHttpResponse render(ErrorType type, String hop, String detail);
}
