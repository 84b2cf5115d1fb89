package dev.forecourt.edge.policy;

/**
 * What reaches the origin beyond the cache key (CloudFront's origin request policy): headers, cookies and query
 * strings of the viewer's request. Host reaches the origin only when the headers selection takes it; otherwise the
 * origin's own domain is sent as Host, as the cloud documents.
 */
public record OriginRequestPolicy(String name, Selection headers, Selection cookies, Selection queryStrings) {

    /** No origin request policy on a behavior: only what the cache key holds. */
    public static final OriginRequestPolicy NONE = new OriginRequestPolicy("(none)", Selection.NONE, Selection.NONE,
            Selection.NONE);

    public boolean forwardsHost() {
        return headers.takes("host");
    }
}
