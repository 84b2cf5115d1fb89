package dev.forecourt.edge.cache;

import dev.forecourt.edge.Response;
import dev.forecourt.http.Body;
import dev.forecourt.http.FileBody;
import dev.forecourt.http.HeaderNames;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.IllegalReferenceCountException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A response made from a stored one (RFC 9111 section 4): the stored headers with a current {@code Age}, and the
 * whole body, a byte range of it (206/416), or a 304 when the client's own validators match.
 */
final class StoredAnswer {
    private StoredAnswer() {}

    /** The headers a 304 carries (RFC 9110 section 15.4.5). */
    private static final List<String> NOT_MODIFIED_HEADERS = List.of("cache-control", "content-location", "date",
            "etag", "expires", "vary", "last-modified");

    /** The {@code x-cache} value for a result, made once rather than per answer. */
    static String xCache(String result) {
        return switch (result) {
            case "Hit" -> "Hit from forecourt";
            case "RefreshHit" -> "RefreshHit from forecourt";
            case "Miss" -> "Miss from forecourt";
            default -> result + " from forecourt";
        };
    }

    /** The answer, or null if the stored body was released meanwhile (evicted): then treat it as a miss. */
    static Response of(CachedResponse r, long now, HttpMethod method, Preconditions client, String result) {
        HttpHeaders h = new DefaultHttpHeaders(false);
        String age = Long.toString(r.age(now) / 1000);
        String xcache = xCache(result);
        if (client.any() && client.notModified(r.headers)) {
            for (String name : NOT_MODIFIED_HEADERS) {
                List<String> v = r.headers.getAll(name);
                if (!v.isEmpty()) h.set(name, v);
            }
            h.set(HttpHeaderNames.AGE, age);
            h.set(HeaderNames.X_CACHE, xcache);
            return new Response(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, h),
                    Body.EMPTY);
        }
        h.set(r.headers);
        h.set(HttpHeaderNames.AGE, age);
        h.set(HeaderNames.X_CACHE, xcache);
        long length = r.bodyLength();
        HttpResponseStatus status = r.status;
        int from = 0;
        int count = (int) length;
        if (r.status.code() == 200 && method.equals(HttpMethod.GET) && client.rangeApplies(r.headers)) {
            long[] range = Preconditions.byteRange(client.range(), length);
            if (range != null && range[0] < 0) {
                h.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
                h.set(HttpHeaderNames.CONTENT_LENGTH, 0);
                return new Response(new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, h), Body.EMPTY);
            }
            if (range != null) {
                status = HttpResponseStatus.PARTIAL_CONTENT;
                from = (int) range[0];
                count = (int) (range[1] - range[0] + 1);
                h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + length);
            }
        }
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (status.code() != 204 && status.code() != 304) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, count);
        }
        Body body;
        if (method.equals(HttpMethod.HEAD) || count == 0) {
            body = Body.EMPTY;
        } else if (r.file != null) {
            try {
                FileChannel ch = FileChannel.open(r.file.path(), StandardOpenOption.READ);
                body = new FileBody(ch, r.file.offset() + from, count);
            } catch (java.io.IOException gone) {
                return null; // evicted from disk or replaced meanwhile: a miss
            }
        } else {
            try {
                ByteBuf b = r.body.retainedSlice(r.body.readerIndex() + from, count);
                body = r.body instanceof MemoryFileBuffer m ? new FileBody(m.channel(), r.body.readerIndex() + from, b)
                        : Body.of(b);
            } catch (IllegalReferenceCountException evicted) {
                return null;
            }
        }
        return new Response(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, h), body);
    }
}
