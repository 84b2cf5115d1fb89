package dev.forecourt.edge.policy;


/**
 * What makes a cache key and how long objects live (CloudFront's cache policy): the TTL bounds and which headers,
 * cookies and query strings are in the key (and so also reach the origin); whether Accept-Encoding is normalised
 * to {@code gzip}/{@code br}. Headers are named ({@code whitelist}) or none, as in the cloud.
 */
public record CachePolicy(String name, Ttl ttl, Selection headers, Selection cookies, Selection queryStrings,
                          boolean gzip, boolean brotli) {

    /** Nothing is stored: every request goes to the origin. */
    public boolean disabled() {
        return ttl.disabled();
    }
}
