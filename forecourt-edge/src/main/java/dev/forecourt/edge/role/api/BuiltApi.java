package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Service;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.http.RequestHandler;

/** An API as one generation built it: its routes and access log, which its own listener and its domains' share. */
record BuiltApi(ApiConfig api, Service routes, AccessLog log) {
    /** A hop of this API ({@code api/NAME}) in front of {@code corridor}. */
    RequestHandler hop(Service corridor, Assembly assembly) {
        return assembly.hop("api", api.name(), corridor, log, null, api.trustForwardedFrom(), ApiErrors::rejection);
    }
}
