package dev.forecourt.http;

import io.netty.handler.codec.http.HttpResponse;

/** The outcome of sending a request upstream: a response head with its streaming body, or a taxonomy error. */
public interface UpstreamCallback {
    void onResponse(HttpResponse head, Body body);

    void onFailure(ForecourtException failure);
}
