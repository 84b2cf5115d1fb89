package dev.forecourt.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A GET through an {@link Endpoint}, for tests: completes with "STATUS BODY", or with the failure itself. */
final class UpstreamGet {
    private UpstreamGet() {}

    static CompletableFuture<Object> get(Endpoint e, EventLoop loop, String host) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        req.headers().set(HttpHeaderNames.HOST, host);
        e.exchange(loop, req, Body.EMPTY, new UpstreamCallback() {
            @Override
            public void onResponse(HttpResponse head, Body body) {
                StringBuilder text = new StringBuilder();
                body.subscribe(new BodySink() {
                    @Override
                    public void onContent(HttpContent c) {
                        text.append(c.content().toString(StandardCharsets.UTF_8));
                        boolean last = c instanceof LastHttpContent;
                        c.release();
                        if (last) {
                            result.complete(head.status().code() + " " + text);
                        }
                    }

                    @Override
                    public void onError(Throwable cause) {
                        result.complete(cause);
                    }
                });
            }

            @Override
            public void onFailure(ForecourtException failure) {
                result.complete(failure);
            }
        });
        return result;
    }
}
